/**
 * What the deals of `playbook.simulation.dealsFile` say about the playbooks of an open
 * document: the calibration `playbook calibrate` computes, kept for the hover, the code lenses
 * and the quick fixes of the stages. It is computed in the background after a document is
 * checked, never while a request waits; a request reads what is there.
 *
 * A server in a browser reads no file: its calibrations are always absent (`NoStageCalibrations`).
 */
import type { Calibration } from '@playbook/model';
import type { LangiumDocument } from 'langium';

/** One playbook's calibration, and the model it was computed for. */
export interface PlaybookCalibration {
    calibration: Calibration;
    /**
     * The playbook's model (JSON) the figures were computed for: a quick fix is offered only
     * when the playbook still says what it said then (its edits rewrite declared values).
     */
    modelJson: string;
    /** The deals file, as the author named it in the settings. */
    dealsFile: string;
}

export interface StageCalibrations {
    /**
     * The latest calibration of `playbook` (by name) of `document`, if the settings name a deals
     * file that was read; `undefined` while none is computed, or when the file changed on disk
     * since (then a new one is started).
     */
    calibrationOf(document: LangiumDocument, playbook: string): Promise<PlaybookCalibration | undefined>;
}

/** Where no deals file can be read (a server in a browser): no figures. */
export class NoStageCalibrations implements StageCalibrations {
    async calibrationOf(): Promise<PlaybookCalibration | undefined> {
        return undefined;
    }
}
