/**
 * `playbook.simulation.asOf` (`YYYY-MM-DD`): the editor judges the deals as of this date, as
 * `playbook check --as-of` does, and it is what `today` means in conditions. Unset (or not a
 * date), each deal is judged up to its last event and `today` is the current date. When it
 * changes, every document is checked again so that the deals' findings follow at once.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { parseIsoDate } from '@playbook/model';
import type { DealSimulator } from '../../model/deal-simulator.js';
import { revalidateAllDocuments } from './revalidate-documents.js';

export class AsOfSetting {
    private asOf: string | undefined;

    constructor(private readonly shared: LangiumSharedServices, private readonly simulator: DealSimulator) {
        const configuration = shared.workspace.ConfigurationProvider;
        configuration.onConfigurationSectionUpdate(update => {
            if (update.section === 'playbook') {
                this.set((update.configuration as { simulation?: { asOf?: unknown } } | undefined)?.simulation?.asOf);
            }
        });
        // The settings fetched when the client initialised (none from a client that cannot answer).
        void configuration.ready.then(async () => {
            let simulation: { asOf?: unknown } | undefined;
            try {
                simulation = await configuration.getConfiguration('playbook', 'simulation') as { asOf?: unknown } | undefined;
            } catch {
                simulation = undefined;
            }
            this.set(simulation?.asOf);
        }).catch(() => undefined);
    }

    private set(value: unknown): void {
        const text = typeof value === 'string' ? value.trim() : '';
        const asOf = /^\d{4}-\d{2}-\d{2}$/.test(text) && parseIsoDate(text) !== undefined ? text : undefined;
        if (asOf === this.asOf) return;
        this.asOf = asOf;
        this.simulator.setAsOf(asOf);
        void revalidateAllDocuments(this.shared);
    }
}
