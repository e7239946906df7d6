/** `playbook simulate <file>`: the deals written in .playbook files, replayed by the built command. */
import { beforeAll, describe, expect, it } from 'vitest';
import { GATE_NOT_MET, PIPELINE, PIPELINE_DEALS, playbook, STACK_FRAME, tempTree, VALID } from './cli-helpers.js';
import { dealLines, ensureSimulateBuilt, type SimulateJson } from './simulate-helpers.js';

beforeAll(() => ensureSimulateBuilt());

const json = (stdout: string): SimulateJson => JSON.parse(stdout) as SimulateJson;

/** What each example deal's comment says: outcome, by hand or automatically, where it ended, how long. */
const EXAMPLES: Record<string, Array<[deal: string, summary: string, lastStage: string]>> = {
    'examples/big-account-deals.playbook': [
        ['CityMetro', 'Won in 239 days', 'Implementation'],
        ['ProvincialHospital', 'Lost (Bid rejected, automatically) after 105 days', 'Bidding'],
        ['SteelGroup', 'Won in 154 days', 'Implementation'],
        ['RegionalBank', 'Lost (Customer withdrew, by hand) after 36 days', 'Initiation']
    ],
    'examples/jewellery-store.playbook': [
        ['WeddingRings', 'Won in 0 days', 'Purchase'],
        ['JadeNecklace', 'Won in 6 days', 'Purchase'],
        ['WindowShopper', 'Walkaway (Left without interest, by hand) after 0 days', 'Curious'],
        ['DiamondPendant', 'Walkaway (Price far above budget, automatically) after 0 days', 'WeighingPrice']
    ],
    'examples/real-estate-reception.playbook': [
        ['ZhangFamily', 'Won in 21 days', 'ContractSigning'],
        ['LiFamily', 'Won in 47 days', 'ContractSigning'],
        ['WangFamily', 'Refunded (Check-out after signing, by hand) after 27 days', 'ContractSigning'],
        ['ChenFamily', 'Lost (No purchase intent, automatically) after 0 days', 'CustomerDataSheet']
    ],
    'examples/relationship-lifecycle.playbook': [
        ['华东精密', 'Won in 204 days', '成熟期'],
        ['西部物流', '关系终止 (付款信誉差 / Poor payment reputation, automatically) after 64 days', '考察期'],
        ['南方零售', '关系终止 (客户不再信任我们 / Customer stops trusting us, by hand) after 100 days', '成长期'],
        ['北方能源', '关系终止 (客户拒绝会面 / Customer refuses to meet, by hand) after 18 days', '陌生期']
    ],
    'examples/seven-step-sales.playbook': [
        ['Northwind', 'Won in 100 days', 'FollowUp'],
        ['Contoso', 'Won in 36 days', 'FollowUp'],
        ['Fabrikam', 'Disqualified (Lead does not meet BANT, by hand) after 11 days', 'Qualification'],
        ['Tailspin', 'Lost (Decision postponed beyond a year, automatically) after 41 days', 'Presentation']
    ]
};

describe('playbook simulate: the examples', () => {
    for (const [file, expected] of Object.entries(EXAMPLES)) {
        it(`${file}: every deal ends as its comment says, with no violation (exit 0)`, () => {
            const text = playbook(['simulate', file]);
            // A file of deals says where its playbook was read from.
            expect(text.stderr).toBe(file === 'examples/big-account-deals.playbook'
                ? "playbook: read playbook BigAccount from 'examples/big-account.playbook' (the deals of 'examples/big-account-deals.playbook' follow it)\n" : '');
            expect(text.code).toBe(0);
            expect(dealLines(text.stdout)).toEqual(expected.map(([deal, summary]) => `${deal}: ${summary}`));
            // Then the aggregate: the funnel table, win rate, forecast.
            expect(text.stdout).toMatch(/^Stage +Reached +Advanced +Conversion/m);
            expect(text.stdout).toMatch(/^Win rate: /m);

            const result = playbook(['simulate', file, '--format', 'json']);
            expect(result.code).toBe(0);
            const output = json(result.stdout);
            expect(output.deals.map(d => [d.deal, d.summary, d.visits.at(-1)?.stage])).toEqual(expected);
            expect(output.deals.every(d => d.violations.length === 0 && d.source.file === file)).toBe(true);
            const won = expected.filter(([, summary]) => summary.startsWith('Won')).length;
            expect(output.report).toMatchObject({ deals: expected.length, outcomes: { won, open: 0 }, winRate: { ofClosed: won / expected.length } });
            expect(output.errors).toEqual([]);
        });
    }

    it('examples/customer-operation.playbook as of 2026-03-31: exactly the late and missing follow-ups, and when each open deal is next due', () => {
        const file = 'examples/customer-operation.playbook';
        const result = playbook(['simulate', file, '--as-of', '2026-03-31', '--format', 'json']);
        expect(result.code).toBe(1);
        const output = json(result.stdout);
        const findings = output.deals.flatMap(d => d.violations.map(v => [d.deal, v.code, v.date, v.line, v.column]));
        expect(findings).toEqual([
            ['东方建材', 'follow-up-late', '2026-02-20', 117, 14],       // the visit that came 9 days late
            ['远航物流', 'follow-up-missing', '2026-03-31', 124, 6],     // never followed up since graded A
            ['金桥贸易', 'follow-up-missing', '2026-03-31', 140, 6],     // regraded A, weekly follow-up overdue
            ['南星电子', 'follow-up-missing', '2026-03-09', 157, 6]      // lost while its follow-up was overdue
        ]);
        expect(output.deals.map(d => [d.deal, d.nextFollowUp])).toEqual([
            ['华联商厦', { due: '2026-04-06', overdue: false }],
            ['东方建材', undefined],
            ['远航物流', { due: '2026-02-23', overdue: true }],
            ['金桥贸易', { due: '2026-03-23', overdue: true }],
            ['南星电子', undefined]
        ]);
        const text = playbook(['simulate', file, '--as-of', '2026-03-31']);
        expect(dealLines(text.stdout).filter(line => !line.startsWith(' '))).toEqual([
            '华联商厦: Open at Selling, 68 days in stage · next follow-up due 2026-04-06',
            '东方建材: Won in 65 days · 1 violation',
            '远航物流: Open at Selling, 29 days in stage · follow-up overdue since 2026-02-23 · 1 violation',
            '金桥贸易: Open at Grading, 62 days in stage · follow-up overdue since 2026-03-23 · 1 violation',
            '南星电子: Lost (客户另选供应商 / Chose another supplier, by hand) after 56 days · 1 violation'
        ]);
        // `check` judges open deals at their last event: 金桥贸易's follow-up is not yet due then.
        const check = playbook(['check', file, '--format', 'json']);
        expect(check.code).toBe(0);
        expect((JSON.parse(check.stdout) as Array<{ code: string; line: number }>).map(d => [d.code, d.line]))
            .toEqual([['follow-up-late', 117], ['follow-up-missing', 124], ['follow-up-missing', 157]]);
    });

    it('a deal that regresses is still clean when the playbook allows it, and the regression is counted', () => {
        const output = json(playbook(['simulate', 'examples/big-account-deals.playbook', '--format', 'json']).stdout);
        expect(output.deals.find(d => d.deal === 'SteelGroup')?.regressions).toBe(1);
    });

    it('a file of playbooks only replays the deals that follow them in the files beside it', () => {
        const result = playbook(['simulate', 'examples/big-account.playbook', '--format', 'json']);
        expect(result.code).toBe(0);
        const output = json(result.stdout);
        expect(output.deals.map(d => d.deal)).toEqual(['CityMetro', 'ProvincialHospital', 'SteelGroup', 'RegionalBank']);
        expect(output.deals[0].source).toEqual({ file: 'examples/big-account-deals.playbook', line: 7 });
    });
});

describe('playbook simulate: deals with violations', () => {
    it('exit 1, the deal and its violation (where check reports it, the date, the code, the cause) on stdout', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const result = playbook(['simulate', 'deal.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stderr).toBe('');
        expect(dealLines(result.stdout)).toEqual([
            'D: Open at B, 0 days in stage · 1 violation',
            '  deal.playbook:8:20 2026-01-02 error gate-not-met Leaves A while its gate G does not hold: task T is not done; `budget > 0` cannot be decided (budget is not set).'
        ]);
        expect(result.stdout).toMatch(/^Violations: 1 of 1 deal has at least one$/m);
        // The same place as `playbook check`.
        expect(playbook(['check', 'deal.playbook'], { cwd: dir }).stdout).toContain('deal.playbook:8:20 error gate-not-met ');
    });

    it('in JSON: the violation with its event, date, line and column; the report counts it', () => {
        const dir = tempTree({ 'deal.playbook': GATE_NOT_MET });
        const result = playbook(['simulate', 'deal.playbook', '--format', 'json'], { cwd: dir });
        expect(result.code).toBe(1);
        const output = json(result.stdout);
        expect(output.deals).toHaveLength(1);
        expect(output.deals[0].violations).toEqual([expect.objectContaining({
            code: 'gate-not-met', severity: 'error', date: '2026-01-02', eventIndex: 1,
            event: { date: '2026-01-02', kind: 'enter', stage: 'B' }, file: 'deal.playbook', line: 8, column: 20
        })]);
        expect(output.report?.violations).toEqual([expect.objectContaining({ code: 'gate-not-met', count: 1, deals: 1 })]);
        expect(output.summary).toEqual({ deals: 1, dealsWithViolations: 1, errors: 0, stopped: false, interrupted: false });
    });

    it('an SLA exceeded (a warning for check) is a violation too: exit 1', () => {
        const dir = tempTree({
            'sla.playbook': VALID.replace('stage A {', 'stage A { within 5 days').replace('2026-01-03 enter B', '2026-01-30 enter B')
        });
        const result = playbook(['simulate', 'sla.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^ {2}sla\.playbook:\d+:\d+ 2026-01-30 warning sla-exceeded A has a limit of 5 days/m);
    });

    it('a clean deal: exit 0', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        const result = playbook(['simulate', 'ok.playbook'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(dealLines(result.stdout)).toEqual(['D: Open at B, 0 days in stage']);
    });
});

describe('playbook simulate: files that cannot be simulated', () => {
    it('syntax errors are printed as check prints them (exit 1), nothing is simulated, no stack trace', () => {
        const dir = tempTree({ 's.playbook': 'playbook P { stage A }\n}\n' });
        const result = playbook(['simulate', 's.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^s\.playbook:2:1 error syntax-error /m);
        expect(result.stderr).toMatch(/^playbook: cannot simulate: fix the errors listed first/m);
        expect(result.stderr + result.stdout).not.toMatch(STACK_FRAME);
    });

    it('unresolved names in a deal or its playbook stop the run (exit 1); in JSON they are the errors of a valid document', () => {
        const dir = tempTree({ 'l.playbook': VALID.replace('2026-01-03 enter B', '2026-01-03 enter Zed') });
        const result = playbook(['simulate', 'l.playbook'], { cwd: dir });
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/^l\.playbook:10:20 error unresolved-reference Playbook P has no stage named 'Zed'\./m);
        const asJson = playbook(['simulate', 'l.playbook', '--format', 'json'], { cwd: dir });
        expect(asJson.code).toBe(1);
        const output = json(asJson.stdout);
        expect(output.deals).toEqual([]);
        expect(output.errors).toEqual([expect.objectContaining({ file: 'l.playbook', line: 10, column: 20, code: 'unresolved-reference' })]);
    });

    it('a deal whose playbook is in a sibling file resolves, as with check', () => {
        const dir = tempTree({ 'pipeline.playbook': PIPELINE, 'deals.playbook': PIPELINE_DEALS });
        const result = playbook(['simulate', 'deals.playbook'], { cwd: dir });
        expect(result.code).toBe(0);
        expect(dealLines(result.stdout)).toEqual(['Acme: Open at Won, 0 days in stage']);
    });

    it('errors in an unrelated sibling file do not stop the run', () => {
        const dir = tempTree({ 'ok.playbook': VALID, 'broken.playbook': 'playbook { oops' });
        expect(playbook(['simulate', 'ok.playbook'], { cwd: dir }).code).toBe(0);
    });

    it('--playbook keeps one playbook\'s deals; an unknown name is exit 2 and lists the names', () => {
        const two = `${VALID}\n${VALID.replace(/\bP\b/g, 'Q').replace('deal D', 'deal E')}`;
        const dir = tempTree({ 'two.playbook': two });
        const both = json(playbook(['simulate', 'two.playbook', '--format', 'json'], { cwd: dir }).stdout);
        expect(both.deals.map(d => d.deal)).toEqual(['D', 'E']);
        expect(both.report).toBeNull();
        expect(both.reports.map(r => r.playbook)).toEqual(['P', 'Q']);
        const one = json(playbook(['simulate', 'two.playbook', '--playbook', 'Q', '--format', 'json'], { cwd: dir }).stdout);
        expect(one.deals.map(d => d.deal)).toEqual(['E']);
        expect(one.report?.playbook).toBe('Q');
        const unknown = playbook(['simulate', 'two.playbook', '--playbook', 'R'], { cwd: dir });
        expect(unknown.code).toBe(2);
        expect(unknown.stderr).toBe("playbook: no playbook named 'R' in 'two.playbook'; it declares P, Q\n");
        expect(unknown.stdout).toBe('');
    });

    it('a playbook without deals anywhere: exit 2, saying so and pointing at --deals', () => {
        const dir = tempTree({ 'pipeline.playbook': PIPELINE });
        const result = playbook(['simulate', 'pipeline.playbook'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(/^playbook: no deals to simulate: 'pipeline\.playbook' has none, .*--deals/);
        expect(result.stdout).toBe('');
    });

    it('a file that does not exist: exit 2, naming it, nothing on stdout', () => {
        const result = playbook(['simulate', 'nowhere.playbook'], { cwd: tempTree({}) });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe("playbook: cannot read 'nowhere.playbook': no such file\n");
        expect(result.stdout).toBe('');
    });

    it('options that describe a CRM export need --deals (exit 2)', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        const result = playbook(['simulate', 'ok.playbook', '--id-column', 'Opp', '--sorted'], { cwd: dir });
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('playbook: --id-column, --sorted describe a CRM export and need --deals <file>\n');
    });

    it('bad option values are usage errors (exit 2), never stack traces', () => {
        const dir = tempTree({ 'ok.playbook': VALID });
        for (const [args, message] of [
            [['--format', 'xml'], /argument 'xml' is invalid/],
            [['--trials', 'many'], /--trials must be a whole number/],
            [['--seed', '-3'], /--seed must be a whole number/],
            [[], /missing required argument 'file'/]
        ] as const) {
            const result = playbook(['simulate', ...(args.length > 0 ? ['ok.playbook'] : []), ...args], { cwd: dir });
            expect(result.code, args.join(' ')).toBe(2);
            expect(result.stderr).toMatch(message);
            expect(result.stderr).not.toMatch(STACK_FRAME);
        }
    });
});

describe('playbook simulate --help', () => {
    it('describes the arguments, the options, the formats and the exit codes (exit 0)', () => {
        for (const args of [['simulate', '--help'], ['help', 'simulate']]) {
            const result = playbook(args);
            expect(result.code).toBe(0);
            expect(result.stderr).toBe('');
            expect(result.stdout).toMatch(/^Usage: playbook simulate \[options\] <file>/);
            for (const flag of ['--deals <file>', '--playbook <name>', '--format <format>', '--id-column <column>', '--stage-column <column>',
                '--date-column <column>', '--amount-column <column>', '--date-order <order>', '--encoding <encoding>', '--delimiter <char>',
                '--layout <layout>', '--sorted', '--deals-format <format>', '--seed <n>', '--trials <n>']) {
                expect(result.stdout, flag).toContain(flag);
            }
            expect(result.stdout).toMatch(/Exit codes: 0 no deal has a violation, 1 /);
        }
    });

    it('is listed by playbook --help', () => {
        expect(playbook(['--help']).stdout).toMatch(/^\s+simulate \[options\] <file>/m);
    });
});

describe('forecast <field> for deals written in .playbook files', () => {
    const text = (forecast: string) => `playbook Sales {
  ${forecast}
  field value: money
  stage Lead { probability 20% }
  stage Close { probability 60% }
}
deal A for Sales {
  2026-01-01 enter Lead
  2026-01-02 set value = 1000
}
deal B for Sales {
  2026-01-01 enter Lead
  2026-01-03 set value = 9000
  2026-01-05 enter Close
  2026-01-06 set value = 5000
}
deal C for Sales {
  2026-01-01 enter Lead
}
`;

    it('the forecast weighs each open deal by the field\'s last value', () => {
        const tree = tempTree({ 'deals.playbook': text('forecast value') });
        const output = json(playbook(['simulate', 'deals.playbook', '--format', 'json'], { cwd: tree }).stdout);
        expect(output.deals.map(d => [d.deal, d.amount])).toEqual([['A', 1000], ['B', 5000], ['C', undefined]]);
        const forecast = (output.report as unknown as { forecast: { deals: number; dealsWithoutAmount: number; expectedValue: number; pipelineValue: number; valueField: string } }).forecast;
        expect(forecast).toMatchObject({ deals: 3, dealsWithoutAmount: 1, expectedValue: 0.2 * 1000 + 0.6 * 5000, pipelineValue: 6000, valueField: 'value' });
    });

    it('as of a date, the value the field had then', () => {
        const tree = tempTree({ 'deals.playbook': text('forecast value') });
        const output = json(playbook(['simulate', 'deals.playbook', '--format', 'json', '--as-of', '2026-01-04'], { cwd: tree }).stdout);
        expect(output.deals.find(d => d.deal === 'B')!.amount).toBe(9000);
    });

    it('without forecast, a deal in a file has no value, and the text says how to name one', () => {
        const tree = tempTree({ 'deals.playbook': text('') });
        const result = playbook(['simulate', 'deals.playbook'], { cwd: tree });
        expect(result.stdout).toMatch(/^ {2}expected value: nothing to forecast \(no open deal has an amount; `forecast <field>` names the field that holds one\)$/m);
    });
});
