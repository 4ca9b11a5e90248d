import type { AnyOperation } from '../../operations/operation.ts';
import { qualityOperations } from '../quality/quality-operations.ts';
import { relationsOperations } from '../relations/relations-operations.ts';
import { reviewOperations } from './review-operations.ts';

/** The operations of the relations, data-quality and month-in-review insights, for the table. */
export const peopleAndQualityOperations: AnyOperation[] = [...relationsOperations, ...qualityOperations, ...reviewOperations];
