/** Calibration: a playbook's declared figures against the deals of a CRM export (without Node's file reading). */
export * from './calibration.js';
export { Calibrator } from './calibrator.js';
export { CalibrationRun, type CalibrationResult, type CalibrationRunOptions, type Unusable } from './calibration-run.js';
export { observedShare, wilsonInterval, outsideInterval, Z_95 } from './wilson.js';
export { DayCounts } from './day-counts.js';
export { stageNamesOf } from './stage-names.js';
export { suggestionsOf } from './suggestions.js';
export { formatCalibration, describeSuggestion } from './format-calibration.js';
