/**
 * No optimising compiler (Turbofan) until a command has read enough input to need it.
 *
 * A command is a short process: V8 runs bytecode, compiles the hottest functions with Maglev,
 * then the hottest again with Turbofan, whose code is faster but slow to make. In a check of
 * 10,000 lines (a third of a second) Turbofan compiled 74 functions on V8's worker threads, a
 * third of the process's CPU time, and the run ended before that code had paid for itself:
 * without it the check takes 28% less CPU and 18% less wall time. Over a million lines
 * Turbofan's code pays back many times (without it that check is 30% slower). So `check`,
 * `export` and `fmt` start without Turbofan, and it comes back once the input read passes
 * SHORT_RUN_CHARACTERS, before that input is parsed.
 *
 * Only commands whose work grows with their input: `simulate` and `calibrate` run hot loops
 * over small inputs (a forecast's 10,000 Monte Carlo trials over 8,800 real deals took 1.9 s
 * without Turbofan, 0.6 s with it), so they never turn it off, and the reads they share with
 * the others (`expectInput`) change nothing there.
 *
 * Only where Maglev takes Turbofan's place: V8 13 (Node 24) on x64 and arm64. Node 22's
 * V8 12.4 and Node 20's 11.3 leave Maglev off, and without Turbofan the code would stay in
 * the interpreter and its baseline compiler: a check of 500 example-sized files took 1.5 s
 * instead of 0.8 on Node 22.
 *
 * V8 reads `--max-opt` only when it starts, but `--turbofan` at each decision to optimise a
 * function, so it can be switched here, after start-up (the bin starts Node from a snapshot,
 * whose flags must match the build's).
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Input up to this many characters (or bytes, for files not decoded yet) runs without
 * Turbofan. Measured on the generated playbooks (`playbook check`, one process each): at 2.4 MB
 * both take the same wall time, Turbofan 19% more CPU; at 4.9 MB Turbofan is 16% faster.
 */
export const SHORT_RUN_CHARACTERS = 3_000_000;

type SetFlags = (flags: string) => void;

let setFlags: SetFlags = setFlagsFromString;
let inputSeen = 0;
let turbofanOff = false;

/** At the start of a command whose work grows with its input: no Turbofan until the input is large. */
export function startShortRun(maglev: boolean = maglevByDefault(process.versions.v8, process.arch)): void {
    inputSeen = 0;
    turbofanOff = maglev && trySetting('--no-turbofan');
}

/** Whether this V8 compiles hot code with Maglev by default: from V8 13 (Node 24) on, on x64 and arm64. */
export function maglevByDefault(v8Version: string, arch: string): boolean {
    const major = Number.parseInt(v8Version, 10);
    return major >= 13 && (arch === 'x64' || arch === 'arm64');
}

/** Counts input about to be worked on, in characters of a text or bytes of a file. Turbofan comes back when the total is large. */
export function expectInput(characters: number): void {
    inputSeen += characters;
    if (turbofanOff && inputSeen > SHORT_RUN_CHARACTERS) {
        turbofanOff = !trySetting('--turbofan');
    }
}

function trySetting(flags: string): boolean {
    try {
        setFlags(flags);
        return true;
    } catch {
        // A Node that refuses runs the command as it would have without any of this.
        return false;
    }
}

/** For tests: record the flags set instead of setting them (undefined: set them again), and forget what was seen. */
export function useFlagSetterForTests(setter: SetFlags | undefined): void {
    setFlags = setter ?? setFlagsFromString;
    inputSeen = 0;
    turbofanOff = false;
}
