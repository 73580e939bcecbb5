import { describe, expect, it } from 'vitest';
import { ConsensusError, majorityVote, voteLabels } from '../../src/consensus/index.js';
import { AgreementError } from '../../src/metrics/index.js';

describe('majorityVote', () => {
  it('takes the plurality label per item and skips missing cells', () => {
    const ratings = [
      ['cat', 'cat', 'dog'],
      ['dog', null, 'dog'],
      ['bird', 'cat', 'dog', 'dog'],
    ];
    expect(majorityVote(ratings)).toEqual([
      { label: 'cat', votes: 2, ratings: 3, tied: [] },
      { label: 'dog', votes: 2, ratings: 2, tied: [] },
      { label: 'dog', votes: 2, ratings: 4, tied: [] },
    ]);
  });

  it("gives no label on a tie under 'none' (the default)", () => {
    expect(majorityVote([['dog', 'cat']])).toEqual([{ label: null, votes: 1, ratings: 2, tied: ['cat', 'dog'] }]);
  });

  it("gives the first tied label in label order under 'lowest-label'", () => {
    expect(majorityVote([['dog', 'cat']], { tie: 'lowest-label' })[0]?.label).toBe('cat');
    // Numbers sort numerically: 10 comes after 9.
    expect(voteLabels([10, 9], { tie: 'lowest-label' }).label).toBe(9);
    // A given order (e.g. the label config's) wins over sorting.
    expect(voteLabels(['cat', 'dog'], { tie: 'lowest-label', labels: ['dog', 'cat'] })).toMatchObject({ label: 'dog', tied: ['dog', 'cat'] });
  });

  it('gives null for an item nobody rated', () => {
    expect(majorityVote([[null, undefined], []])).toEqual([
      { label: null, votes: 0, ratings: 0, tied: [] },
      { label: null, votes: 0, ratings: 0, tied: [] },
    ]);
  });

  it('rejects an unknown tie policy, a label outside the order and a bad cell', () => {
    expect(() => majorityVote([['a']], { tie: 'coin' as 'none' })).toThrow(ConsensusError);
    expect(() => voteLabels(['a', 'z'], { labels: ['a'] })).toThrow(/"z" is not in the given label order/);
    expect(() => majorityVote([[Number.NaN]])).toThrow(AgreementError);
  });
});
