import { ValidationError } from '@nestjs/common';
import { validationDetails } from './validation-pipe';

describe('validationDetails', () => {
  it('flattens nested errors into one detail per failed rule with dotted paths', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isNotEmpty: 'name should not be empty' }, children: [] },
      {
        property: 'lines',
        children: [
          {
            property: '2',
            children: [
              {
                property: 'quantity',
                constraints: {
                  min: 'quantity must not be less than 0.001',
                  isNumber: 'quantity must be a number',
                },
                children: [],
              },
            ],
          },
        ],
      },
    ];
    expect(validationDetails(errors)).toEqual([
      { field: 'name', message: 'name should not be empty' },
      { field: 'lines.2.quantity', message: 'quantity must not be less than 0.001' },
      { field: 'lines.2.quantity', message: 'quantity must be a number' },
    ]);
  });
});
