import type { AnyOperation } from '../../operations/operation.ts';
import { carbonOperations } from '../carbon/carbon-operations.ts';
import { mobilityOperations } from '../mobility/mobility-operations.ts';
import { energyOperations } from './energy-operations.ts';

/** The operations of the energy, carbon and mobility insights, for the table (src/operations/table.ts). */
export const homeAndMobilityOperations: AnyOperation[] = [...energyOperations, ...carbonOperations, ...mobilityOperations];
