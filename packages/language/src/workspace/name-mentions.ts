/**
 * Which files of a batch may declare one of some workspace-wide names, told from their text
 * before they are parsed: a file that declares a playbook or a deal named `Region25` has the
 * word `Region25` in its text. The answer may include files that only mention the name (in a
 * deal naming it, a comment, a string), never leaves out one that declares it, and costs a
 * search of the text instead of a parse (a few milliseconds for 24 MB against about a second
 * per megabyte).
 *
 * The texts of files not yet parsed are read from disk once and kept until the file is
 * parsed or reported changed; an answer is kept for the same names until then, so that
 * keystrokes typed while the rest of the workspace is still being read cost nothing here.
 */
import type { FileSystemProvider, LangiumDocument, TextDocumentProvider, URI } from 'langium';
import { DocumentState } from 'langium';

/** Characters that continue a name on either side in every case (a subset of those an ID may hold: never too many). */
const NAME_CHARACTER = '[_a-zA-Z0-9]';

export class NameMentions {
    private readonly texts = new Map<string, string>();
    private readonly answers = new Map<string, { names: string; mentions: boolean }>();

    constructor(private readonly fileSystem: FileSystemProvider, private readonly textDocuments: TextDocumentProvider | undefined) {}

    /** The `documents` whose text holds one of `names` as a whole word. */
    async filter(documents: LangiumDocument[], names: ReadonlySet<string>): Promise<LangiumDocument[]> {
        if (names.size === 0 || documents.length === 0) return [];
        const key = [...names].sort().join(' ');
        const pattern = new RegExp(`(?<!${NAME_CHARACTER})(?:${[...names].map(escape).join('|')})(?!${NAME_CHARACTER})`);
        const answers = await Promise.all(documents.map(async document => {
            const uri = document.uri.toString();
            const known = this.answers.get(uri);
            if (known?.names === key) return known.mentions;
            const text = await this.textOf(document);
            const mentions = text !== undefined && pattern.test(text);
            this.answers.set(uri, { names: key, mentions });
            return mentions;
        }));
        return documents.filter((_, i) => answers[i]);
    }

    /** Files changed or deleted: their texts are read again when asked. */
    forget(uris: Iterable<URI>): void {
        for (const uri of uris) {
            const key = uri.toString();
            this.texts.delete(key);
            this.answers.delete(key);
        }
    }

    /** Drops the texts read for files that are now parsed (they hold their own). */
    forgetParsed(documents: Iterable<LangiumDocument>): void {
        for (const document of documents) {
            if (document.state >= DocumentState.Parsed) this.texts.delete(document.uri.toString());
        }
    }

    private async textOf(document: LangiumDocument): Promise<string | undefined> {
        const uri = document.uri.toString();
        if (document.state >= DocumentState.Parsed) return document.textDocument.getText();
        const text = this.textDocuments?.get(uri)?.getText() ?? this.texts.get(uri);
        if (text !== undefined) return text;
        try {
            const read = await this.fileSystem.readFile(document.uri);
            this.texts.set(uri, read);
            return read;
        } catch {
            return undefined;   // unreadable: it declares nothing (its parse will say why)
        }
    }
}

function escape(name: string): string {
    return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
