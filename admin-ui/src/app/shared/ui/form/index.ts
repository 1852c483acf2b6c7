export * from './field-error';
export * from './form-error-banner/form-error-banner';
export * from './server-errors';
export * from './submit-button/submit-button';
export * from './validation-messages';
export * from './password-validators';
