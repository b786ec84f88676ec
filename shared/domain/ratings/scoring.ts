/**
 * Scoring a rating against its criteria set: which criteria are met, the weighted score, the
 * level it proposes and whether the set's standard is met. Pure, so the rules are one place.
 */
import { DomainError, type FieldError } from '../errors.ts';
import type { RatingAnswer, SaveRating } from './branch-rating.ts';
import type { CriteriaSet, Criterion, RatingLevel, Thresholds } from './criteria.ts';

export type Answers = Record<string, RatingAnswer>;

export interface Evaluation {
  readonly scorePercent: number;
  readonly proposedLevel: RatingLevel;
  readonly standardMet: boolean | null;
}

export function isAnswered(criterion: Criterion, answer: RatingAnswer | undefined): boolean {
  return criterion.kind === 'yes_no' ? answer?.met != null : answer?.score != null;
}

/** A criterion not answered yet is not met. */
export function isMet(criterion: Criterion, answer: RatingAnswer | undefined): boolean {
  if (criterion.kind === 'yes_no') return answer?.met === true;
  return answer?.score != null && answer.score >= criterion.pass;
}

/** The share of a criterion's weight it earns: all or nothing for yes/no, in proportion for a score. */
function fraction(criterion: Criterion, answer: RatingAnswer | undefined): number {
  if (criterion.kind === 'yes_no') return answer?.met === true ? 1 : 0;
  return Math.min(answer?.score ?? 0, criterion.max) / criterion.max;
}

/** The level whose threshold the score reaches, best first. */
export function levelFor(scorePercent: number, thresholds: Thresholds): RatingLevel {
  if (scorePercent >= thresholds.strong) return 'strong';
  if (scorePercent >= thresholds.good) return 'good';
  if (scorePercent >= thresholds.average) return 'average';
  return 'weak';
}

/**
 * The weighted score as shown (two decimals) and the level proposed from it: compared as shown,
 * so a score that reads 90.00 % is never a level below the 90 % threshold.
 */
export function evaluate(
  set: Pick<CriteriaSet, 'criteria' | 'thresholds' | 'standardName'>,
  answers: Answers,
): Evaluation {
  const totalWeight = set.criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
  const earned = set.criteria.reduce(
    (sum, criterion) => sum + criterion.weight * fraction(criterion, answers[criterion.id]),
    0,
  );
  const scorePercent = Math.round((earned / totalWeight) * 10_000) / 100;
  const required = set.criteria.filter((criterion) => criterion.required);
  return {
    scorePercent,
    proposedLevel: levelFor(scorePercent, set.thresholds),
    standardMet:
      set.standardName === null
        ? null
        : required.every((criterion) => isMet(criterion, answers[criterion.id])),
  };
}

/** The criteria a rating has not answered yet, by id. */
export function unanswered(criteria: readonly Criterion[], answers: Answers): string[] {
  return criteria.filter((criterion) => !isAnswered(criterion, answers[criterion.id])).map((c) => c.id);
}

/**
 * Answers as sent, checked against the set's criteria and kept in one shape: an answer names a
 * criterion of the set, a yes/no one answers with `met`, a scored one with `score` up to its max.
 */
export function checkAnswers(criteria: readonly Criterion[], sent: SaveRating['answers']): Answers {
  const byId = new Map(criteria.map((criterion) => [criterion.id, criterion]));
  const errors: FieldError[] = [];
  const answers: Answers = {};
  for (const [id, answer] of Object.entries(sent)) {
    const criterion = byId.get(id);
    const path = `body.answers.${id}`;
    if (!criterion) {
      errors.push({ path, code: 'unknown_criterion' });
      continue;
    }
    if (criterion.kind === 'yes_no' && answer.score !== undefined)
      errors.push({ path: `${path}.score`, code: 'answer_kind' });
    if (criterion.kind === 'score' && answer.met !== undefined)
      errors.push({ path: `${path}.met`, code: 'answer_kind' });
    if (criterion.kind === 'score' && answer.score !== undefined && answer.score > criterion.max)
      errors.push({ path: `${path}.score`, code: 'out_of_range' });
    answers[id] = { met: answer.met ?? null, score: answer.score ?? null, note: answer.note ?? null };
  }
  if (errors.length > 0) throw new DomainError('VALIDATION_FAILED', {}, errors);
  return answers;
}
