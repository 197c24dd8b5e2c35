/** Agreement statistics: pure functions, each tested against published values (test/core/stats). */
export type { Coefficient } from './coefficient.js';
export { percentAgreement } from './contingency-table.js';
export { cohenKappa, cohenKappaFromPairs, type KappaResult, type KappaWeights } from './cohen.js';
export { scottPi, type PiResult } from './scott.js';
export { fleissKappa, type FleissResult } from './fleiss.js';
export { krippendorffAlpha, type AlphaOptions, type AlphaResult, type MeasurementLevel } from './krippendorff.js';
export { coincidenceMatrix, type CoincidenceMatrix } from './coincidence-matrix.js';
export {
  pairableUnits,
  pairableValueCount,
  type PairableUnit,
  type ReliabilityData,
  type ReliabilityValue,
} from './reliability-data.js';
export { agreement2x2, type Agreement2x2, type Counts2x2 } from './binary-2x2.js';
