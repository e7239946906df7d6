/**
 * What the pipeline diagram is drawn from: a playbook's plain model and, beside it, where
 * each of its parts is written (so that a click on the drawing leads to the text) and the
 * conditions as their author wrote them (the model keeps only their meaning: `=` and `==`
 * are one operator there, and parentheses are gone). Plain JSON, types only: a client that
 * draws bundles this without the language.
 */
import type { PlaybookModel } from '../model/playbook-model.js';

/** A place in the text, as LSP gives it: 0-based lines and characters (UTF-16 code units). */
export interface SourceRange {
    start: { line: number; character: number };
    end: { line: number; character: number };
}

export interface PlaybookDrawing {
    playbook: PlaybookModel;
    /** Absent for a model that has no text (an imported JSON document): nothing is clickable then. */
    places?: PlaybookPlaces;
}

/** Parallel to the model: `stages[i]` is where `playbook.stages[i]` is written, and so on. */
export interface PlaybookPlaces {
    /** The playbook's name. */
    name: SourceRange;
    stages: StagePlaces[];
    terminations: TerminationPlaces[];
}

export interface StagePlaces {
    /** The stage's name. */
    name: SourceRange;
    /** Each task's name. */
    tasks: SourceRange[];
    gates: GatePlaces[];
}

export interface GatePlaces {
    name: SourceRange;
    /** Each required task's reference. */
    requires: SourceRange[];
    when: ConditionPlace[];
}

export interface ConditionPlace {
    range: SourceRange;
    /** The condition's tokens as written, comments left out and line breaks made single spaces. */
    text: string;
}

export interface TerminationPlaces {
    /** The whole `terminate` statement. */
    rule: SourceRange;
    when?: ConditionPlace;
    /** Each `from` stage's reference. */
    from: SourceRange[];
}
