/**
 * The export format: one JSON document per playbook, the plain model wrapped with the
 * schema it follows and the format version, so that a reader knows what it holds
 * before reading it (see docs/json-format.md).
 */
import type { DealModel, PlaybookModel } from '../model/playbook-model.js';

/** The schema's `$id`: names the format, not a place to download it from. The major version is part of it. */
export const PLAYBOOK_SCHEMA_ID = 'https://playbook.dev/schema/playbook-1.json';
/** `MAJOR.MINOR`: a minor version adds optional facts, a major version changes what existing ones mean. */
export const PLAYBOOK_FORMAT_VERSION = '1.2';

/** One exported playbook, as `playbook export` writes it and `playbook import` reads it. */
export interface PlaybookDocument {
    $schema: typeof PLAYBOOK_SCHEMA_ID;
    formatVersion: string;
    playbook: PlaybookModel;
    /** Present when the export was asked for deals: the deals that follow this playbook, in source order. */
    deals?: DealModel[];
}
