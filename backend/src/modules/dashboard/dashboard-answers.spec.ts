import { AnswersUntilWrite } from './dashboard-answers';

describe('answers kept until the database changes', () => {
  it('serves a kept answer while the mark has not moved, and drops it once it has', () => {
    const answers = new AnswersUntilWrite<string>();
    answers.keep('all', { xmax: '100', quiet: true }, 'computed at 100');
    expect(answers.get('all', { xmax: '100', quiet: true })).toBe('computed at 100');
    expect(answers.get('all', { xmax: '100', quiet: false })).toBe('computed at 100');
    expect(answers.get('all', { xmax: '101', quiet: true })).toBeUndefined();
    // Dropped for good: the mark coming back to 100 is impossible, but nothing is served anyway.
    expect(answers.get('all', { xmax: '100', quiet: true })).toBeUndefined();
  });

  it('keeps nothing computed while another transaction was running', () => {
    const answers = new AnswersUntilWrite<string>();
    answers.keep('all', { xmax: '100', quiet: false }, 'maybe missing a commit');
    expect(answers.get('all', { xmax: '100', quiet: true })).toBeUndefined();
  });

  it('keeps one answer per key', () => {
    const answers = new AnswersUntilWrite<string>();
    answers.keep('MAIN', { xmax: '7', quiet: true }, 'main');
    answers.keep('SIDE', { xmax: '7', quiet: true }, 'side');
    expect(answers.get('MAIN', { xmax: '7', quiet: true })).toBe('main');
    expect(answers.get('SIDE', { xmax: '7', quiet: true })).toBe('side');
    expect(answers.get('ALL', { xmax: '7', quiet: true })).toBeUndefined();
  });
});
