/**
 * A deterministic generator of realistic, valid `.playbook` text of any size, shared by the
 * benchmarks.
 *
 * The playbook is a long sales process made of "tracks" of eight stages (prospecting,
 * initiation, discovery, an optional demo, proposal, bidding, negotiation, contracting),
 * as a company with many product lines might chain them. Every track declares one field of
 * each type (money, number, bool, text, date, days, enum); every stage has four tasks, an
 * SLA, a probability that never falls, aliases, and a gate that requires tasks of its own
 * and of the previous stage and has `when` conditions over the track's fields (comparison,
 * arithmetic, `and`/`or`/`not`, enum membership, dates plus days). Every track has
 * automatic and manual termination rules limited by `from`. Deals at the end follow the
 * rules: one wins through every stage (skipping some optional stages), one is lost by hand,
 * one is ended by an automatic rule, one stays open.
 *
 * The text is meant to validate without errors or warnings: the benchmarks check that
 * before measuring anything.
 */

import { isMain } from './lib.mjs';

/** The eight stage kinds of a track: name, title, aliases, tasks, whether it is optional. */
const KINDS = [
    {
        name: 'Prospecting', title: 'Prospecting', aliases: ['Prospecting', 'Lead'],
        tasks: [['Research', 'Research the account and its buying centre'], ['FirstCall', 'First call with the contact'],
            ['LogContact', 'Log the contact and the need in the CRM'], ['Handover', 'Hand the lead over to the account executive']]
    },
    {
        // Unicode identifiers must work as well as ASCII ones.
        name: '立项', title: '立项 / Initiation', aliases: ['Initiation', 'Needs Analysis'],
        tasks: [['MapBuyers', 'Map departments, roles and influence'], ['FindGuide', 'Find an internal guide'],
            ['AssignCoverage', 'An owner per department, a director per decision maker'], ['PresalesReview', 'Pre-sales review']]
    },
    {
        name: 'Discovery', title: 'Discovery', aliases: ['Discovery', 'Qualification'],
        tasks: [['PainPoints', 'Write down the customer\'s pain points'], ['Stakeholders', 'Meet every stakeholder once'],
            ['SuccessCriteria', 'Agree on success criteria'], ['Recap', 'Send the discovery recap']]
    },
    {
        name: 'Demo', title: 'Demonstration', aliases: ['Demo', 'Evaluation'], optional: true,
        tasks: [['PrepareDemo', 'Prepare the demonstration on the customer\'s data'], ['RunDemo', 'Run the demonstration'],
            ['DemoFeedback', 'Collect feedback from every attendee'], ['DemoRecap', 'Send the demonstration recap']]
    },
    {
        name: 'Proposal', title: 'Proposal', aliases: ['Proposal/Price Quote', 'Proposal'],
        tasks: [['DraftProposal', 'Draft the technical proposal'], ['PriceQuote', 'Quote the price'],
            ['ReviewProposal', 'Internal review of the proposal'], ['SendProposal', 'Send the proposal']]
    },
    {
        name: 'Bidding', title: 'Bidding', aliases: ['Tender', 'Bid Submitted'],
        tasks: [['BidDocuments', 'Prepare the bid documents'], ['BidBond', 'Arrange the bid bond'],
            ['SubmitBid', 'Submit the bid'], ['BidDebrief', 'Debrief after the tender committee']]
    },
    {
        name: 'Negotiation', title: 'Negotiation', aliases: ['Negotiation/Review', 'Negociación'],
        tasks: [['Terms', 'Negotiate price, delivery and payment terms'], ['LegalReview', 'Legal review of the contract'],
            ['FinanceReview', 'Finance review of the contract'], ['Approval', 'Approval by the general manager']]
    },
    {
        name: 'Contracting', title: 'Contracting', aliases: ['Closed Won', 'Contract'],
        tasks: [['Sign', 'Sign the contract'], ['Kickoff', 'Kick-off meeting with the customer'],
            ['Invoice', 'Send the first invoice'], ['Handoff', 'Hand the account over to delivery']]
    }
];

const OWNERS = ['Sales', 'Sales director', 'Pre-sales', 'Bid team', 'Legal', 'Finance', 'SDR', 'General manager'];

/** The values a deal sets so that every gate of a track holds (see `gateConditions`). */
const GOOD_VALUES = (k) => [
    [`budget${k}`, `${200000 + 1000 * (k % 50)}`],
    [`seats${k}`, `${40 + (k % 7)}`],
    [`champion${k}`, 'true'],
    [`region${k}`, '"EMEA"'],
    [`kickoff${k}`, '2026-02-01'],
    [`cycle${k}`, '45 days'],
    [`tier${k}`, k % 3 === 0 ? 'Silver' : 'Gold']
];

/** The `when` lines of the gate of stage kind `j` in track `k`: every field type, every operator family. */
function gateConditions(j, k) {
    switch (j) {
        case 0: return [`budget${k} > 0 and tier${k} in {Gold, Silver}`];
        case 1: return [`champion${k}`, `seats${k} >= 10`];
        case 2: return [`region${k} != "Unknown"`];
        case 3: return [`kickoff${k} >= 2026-01-01`];
        case 4: return [`cycle${k} <= 120 days and budget${k} * 1.1 >= 50000`];
        case 5: return [`kickoff${k} + 30 days >= 2026-01-15 or tier${k} = Gold`];
        case 6: return [`budget${k} / seats${k} >= 1000 and not (region${k} == "Embargoed")`];
        default: return [`(seats${k} > 0 and champion${k}) or tier${k} == Gold`, `cycle${k} > 0 days`];
    }
}

/** The fields each stage kind's gate reads, and a simple condition per field that good values satisfy. */
const FIELDS_READ = [['budget', 'tier'], ['champion', 'seats'], ['region'], ['kickoff'], ['cycle', 'budget'], ['kickoff', 'tier'],
    ['budget', 'seats', 'region'], ['seats', 'champion', 'tier', 'cycle']];
const SIMPLE_CONDITION = {
    budget: k => `budget${k} > 0`, seats: k => `seats${k} >= 10`, champion: k => `champion${k}`, region: k => `region${k} != "Unknown"`,
    kickoff: k => `kickoff${k} >= 2026-01-01`, cycle: k => `cycle${k} <= 120 days`, tier: k => `tier${k} in {Gold, Silver}`
};

/** In a track cut short by the end of the playbook, the last gate reads the fields no earlier gate read. */
function unreadFieldConditions(j, k) {
    const read = new Set(FIELDS_READ.slice(0, j + 1).flat());
    return Object.keys(SIMPLE_CONDITION).filter(f => !read.has(f)).map(f => SIMPLE_CONDITION[f](k));
}

function fieldLines(k) {
    return [
        `  // Track ${k}`,
        `  field budget${k}: money                    // the customer's budget for track ${k}`,
        `  field seats${k}: number = 0`,
        `  field champion${k}: bool = false           // an internal champion supports us`,
        `  field region${k}: text = "Unknown"`,
        `  field kickoff${k}: date`,
        `  field cycle${k}: days`,
        `  field tier${k}: enum {Gold, Silver, Bronze} = Bronze`
    ];
}

/** The stages of a playbook with `stageCount` stages: names, tasks, optional flags. */
function planStages(stageCount) {
    const stages = [];
    for (let i = 0; i < stageCount; i++) {
        const j = i % KINDS.length;
        const k = Math.floor(i / KINDS.length) + 1;
        const kind = KINDS[j];
        const name = `${kind.name}${k}`;
        stages.push({
            index: i, j, k, name, kind,
            // The optional kind is optional only when it is not the last stage.
            optional: Boolean(kind.optional) && i < stageCount - 1,
            tasks: kind.tasks.map(([suffix, title]) => ({ name: `${name}${suffix}`, title }))
        });
    }
    return stages;
}

function previousRequired(stages, i) {
    for (let p = i - 1; p >= 0; p--) {
        if (!stages[p].optional) return stages[p];
    }
    return undefined;
}

function stageLines(stages, stage, stageCount) {
    const { index: i, j, k, name, kind, tasks } = stage;
    const isLast = i === stageCount - 1;
    const probability = stageCount === 1 ? 50 : Math.floor(5 + (90 * i) / (stageCount - 1));
    const lines = [];
    lines.push(`  ${stage.optional ? 'optional ' : ''}stage ${name} "${kind.title} (track ${k})" {`);
    lines.push(`    alias ${kind.aliases.map(a => `"${a} ${k}"`).join(', ')}`);
    lines.push(`    probability ${probability}%`);
    lines.push(`    within ${j === 3 ? 14 : 30} days`);
    // Task 0 is required; tasks 1 and 2 are named by this stage's gate; task 3 by the next
    // required stage's gate (an earlier-stage task), or required when nothing names it.
    const lastTaskNamedLater = !isLast && !stage.optional;
    tasks.forEach((task, t) => {
        const required = t === 0 || (t === 3 && !lastTaskNamedLater && !isLast);
        const owner = OWNERS[(i + t) % OWNERS.length];
        lines.push(`    task ${task.name} "${task.title}"${required ? ' required' : ''} owner "${owner}"`);
    });
    const requires = [tasks[1].name, tasks[2].name];
    const previous = previousRequired(stages, i);
    if (previous) requires.push(previous.tasks[3].name);
    if (isLast) requires.push(tasks[3].name);
    lines.push(`    gate ${name}Exit "Ready to leave ${kind.title.toLowerCase()} (track ${k})" {`);
    lines.push(`      requires ${requires.join(', ')}`);
    for (const condition of [...gateConditions(j, k), ...(isLast ? unreadFieldConditions(j, k) : [])]) {
        lines.push(`      when ${condition}`);
    }
    lines.push('    }');
    lines.push('  }');
    lines.push('');
    return lines;
}

function terminationLines(stages, tracks) {
    const lines = ['  // Ways a deal ends early'];
    for (let k = 1; k <= tracks; k++) {
        // Stage i is kind i % 8 of track i / 8 + 1 (planStages): indexed, not searched, so that a
        // million-line playbook (50,000 stages) is generated in linear time.
        const inTrack = j => stages[(k - 1) * KINDS.length + j]?.name;
        const early = [0, 1, 2].map(inTrack).filter(Boolean);
        const late = [4, 5, 6].map(inTrack).filter(Boolean);
        lines.push(`  terminate Lost "Budget withdrawn (track ${k})" when budget${k} <= 0 from ${early.join(', ')}`);
        if (early.length > 1) {
            lines.push(`  terminate Disqualified "Bronze customer without seats (track ${k})" when tier${k} = Bronze and seats${k} < 5 from ${early[1]}`);
        }
        if (late.length > 0) {
            lines.push(`  terminate Lost "Competitor selected (track ${k})" from ${late.join(', ')}`);
        }
    }
    lines.push('  terminate Lost "Customer withdrew"');
    lines.push('  terminate Cancelled "Project cancelled by the customer"');
    return lines;
}

/** Day number ↔ ISO date, for deal events. */
const EPOCH = Date.UTC(2026, 0, 5);
export function isoDate(day) {
    return new Date(EPOCH + day * 86400000).toISOString().slice(0, 10);
}

/**
 * The events of a deal that follows the rules through stages `0..until` (exclusive),
 * then `ending`: 'won', 'open', a manual 'terminate' line or 'auto' (an automatic rule).
 */
function dealLines(stages, name, title, playbook, until, ending, skipOptional) {
    const lines = [`deal ${name} "${title}" for ${playbook} {`];
    let day = 0;
    const event = text => lines.push(`  ${isoDate(day)} ${text}`);
    for (let i = 0; i < until; i++) {
        const stage = stages[i];
        if (stage.optional && skipOptional(stage)) continue;
        event(`enter ${stage.name}`);
        if (stage.j === 0 || i === 0) {
            if (ending === 'auto' && stage.k === 1) {
                event(`set budget${stage.k} = 0`);
                lines.push('}');
                return lines;
            }
            for (const [field, value] of GOOD_VALUES(stage.k)) {
                event(`set ${field} = ${value}`);
            }
        }
        day += 1;
        const names = stage.tasks.map(t => t.name);
        event(`done ${names.slice(0, 2).join(', ')}`);
        event(`done ${names.slice(2).join(', ')}`);
        day += 1;
    }
    if (ending === 'won') event('won');
    else if (typeof ending === 'string' && ending.startsWith('terminate')) event(ending);
    lines.push('}');
    return lines;
}

/** Pushes `more` onto `lines` (a spread would overflow the stack for a million-line playbook). */
function append(lines, more) {
    for (const line of more) lines.push(line);
}

/**
 * The four deals that follow a playbook of `stages` named `playbook`: one won through every
 * stage, one lost by hand, one ended by an automatic rule, one open. `prefix` goes before
 * each deal's name (deal names are workspace-wide).
 */
function dealsOf(stages, playbook, prefix = '') {
    const stageCount = stages.length;
    const tracks = Math.ceil(stageCount / KINDS.length);
    const lines = [];
    lines.push('// Won through every stage, skipping the optional demo in even tracks');
    append(lines, dealLines(stages, `${prefix}WonEverything`, 'Won through every stage', playbook, stageCount, 'won', s => s.k % 2 === 0));
    // Lost by hand in a late stage of track 2 (or of track 1 when there is one track).
    const lateK = tracks >= 2 ? 2 : 1;
    const bidding = stages[(lateK - 1) * KINDS.length + 5];
    if (bidding) {
        lines.push('');
        lines.push(`// Lost by hand while bidding in track ${lateK}`);
        append(lines, dealLines(stages, `${prefix}LostToCompetitor`, 'Lost to a competitor', playbook, bidding.index + 1, `terminate Lost "Competitor selected (track ${lateK})"`, () => false));
    }
    lines.push('');
    lines.push('// Ended automatically: the budget was withdrawn in the first stage');
    append(lines, dealLines(stages, `${prefix}BudgetWithdrawn`, 'Budget withdrawn', playbook, 1, 'auto', () => false));
    lines.push('');
    lines.push('// Still open after three tracks (or halfway through a shorter playbook)');
    append(lines, dealLines(stages, `${prefix}StillOpen`, 'Still open', playbook, Math.max(1, Math.min(3 * KINDS.length, Math.floor(stageCount / 2))), 'open', () => true));
    return lines;
}

/** The text of a playbook with exactly `stageCount` stages (and its deals unless `deals: false`). */
export function generatePlaybookWithStages(stageCount, { deals = true, name = 'ManyTracks' } = {}) {
    const stages = planStages(stageCount);
    const tracks = Math.ceil(stageCount / KINDS.length);
    const lines = [
        '/*',
        ` * ${name}: a generated sales process of ${stageCount} stages in ${tracks} tracks,`,
        ' * each track with its own fields, gates and termination rules.',
        ' */',
        `playbook ${name} {`,
        `  title "Generated playbook (${stageCount} stages)"`,
        '  version "1.0.0"',
        ''
    ];
    for (let k = 1; k <= tracks; k++) append(lines, fieldLines(k));
    lines.push('');
    for (const stage of stages) append(lines, stageLines(stages, stage, stageCount));
    append(lines, terminationLines(stages, tracks));
    lines.push('}');
    if (deals) {
        lines.push('');
        append(lines, dealsOf(stages, name));
    }
    lines.push('');
    return { text: lines.join('\n'), lines: lines.length, stages: stageCount, name };
}

/**
 * A playbook of about `targetLines` lines (within a few lines: stages are added whole).
 * Deterministic: the same target gives the same text.
 */
export function generatePlaybook(targetLines = 10000, options = {}) {
    const linesFor = n => generatePlaybookWithStages(n, options).lines;
    // Lines grow linearly with stages: estimate the slope, then step to the closest count.
    const a = 16, b = 64;
    const slope = (linesFor(b) - linesFor(a)) / (b - a);
    let n = Math.max(1, Math.round(a + (targetLines - linesFor(a)) / slope));
    // The slope of small playbooks is a few per cent off at a million lines (thousands of
    // stages): correct the estimate from the count it gives before stepping one by one.
    for (let i = 0; i < 4; i++) {
        const step = Math.round((targetLines - linesFor(n)) / slope);
        if (step === 0) break;
        n = Math.max(1, n + step);
    }
    while (n > 1 && linesFor(n) > targetLines) n--;
    while (linesFor(n + 1) <= targetLines) n++;
    return generatePlaybookWithStages(n, options);
}

/** The text of small playbook number `k` and its two deals (about 1.4 KB; 20 declarations and 10 deal events). */
function smallPlaybook(k) {
    const name = `Team${k}`;
    return `/*
 * ${name}: the sales process of team ${k}, with its deals.
 * Reviewed every quarter by the sales-ops team.
 */
playbook ${name} {
  title "Team ${k} / 团队 ${k}"
  version "1.${k % 10}.0"
  field budget: money                  // the customer's budget
  field seats: number = 0
  field tier: enum {Gold, Silver, Bronze} = Bronze

  stage Lead "Lead (team ${k})" {
    alias "Prospect ${k}"
    probability 10%
    within 30 days
    task Call "First call with the contact" required owner "SDR"
    task Qualify "Qualify the need and the budget"
    gate Qualified { requires Qualify when budget > 0 and tier in {Gold, Silver} }
  }
  optional stage Demo "Demonstration" { probability 40% task Show "Run the demo" required }
  stage Close "Close (team ${k})" {
    probability 80%
    task Sign "Sign the contract" required owner "Legal"
    gate Signed { requires Sign when seats >= 1 }
  }
  terminate Lost "No budget" when budget <= 0 from Lead
  terminate Lost "Customer withdrew"
}

// Won through every required stage
deal ${name}Won "Won" for ${name} {
  2026-01-05 enter Lead
  2026-01-05 set budget = ${5000 + k}
  2026-01-06 done Call, Qualify
  2026-01-06 set tier = Gold
  2026-01-10 enter Close
  2026-01-12 done Sign
  2026-01-12 set seats = ${1 + (k % 9)}
  2026-01-15 won
}
deal ${name}Open "Open" for ${name} {
  2026-01-05 enter Lead
  2026-01-06 done Call
}

`;
}

/**
 * One file of `count` small playbooks, each followed by its deals, as a company that keeps
 * every team's (or every year's) process in one file writes them; names are unique across the
 * file. Per playbook: 20 declarations (the playbook, 3 fields, 3 enum values, 3 stages, 4
 * tasks, 2 gates, 2 termination rules, 2 deals) and 10 deal events.
 */
export function generateManyPlaybooks(count) {
    const parts = [];
    for (let k = 1; k <= count; k++) parts.push(smallPlaybook(k));
    const text = parts.join('');
    return { text, playbooks: count, declarations: 20 * count, events: 10 * count, deals: 2 * count, lines: text.split('\n').length - 1 };
}

/**
 * A workspace of `files` files of about `megabytes` in all, as a company keeps its pipelines
 * in a repository: half the files each hold one region's playbook (`pipelines/region-NN.playbook`,
 * a generated process of tracks, no deals), the other half each hold deals
 * (`deals/region-NN-deals.playbook`): copies of the four deals that follow the region's
 * playbook, and one set following the next region's, so that every playbook is named from two
 * deal files of another folder. Names are unique across the workspace; every file is valid.
 * Returns the files as relative path → text, in a stable order.
 */
export function generateWorkspace({ files = 100, megabytes = 24 } = {}) {
    const regions = Math.max(1, Math.floor(files / 2));
    const perFile = (megabytes * 1e6) / (2 * regions);
    // Stages grow the playbook linearly: take the count whose text is closest to a file's share.
    const bytesFor = n => generatePlaybookWithStages(n, { deals: false, name: 'Region00' }).text.length;
    const slope = (bytesFor(64) - bytesFor(16)) / 48;
    const stageCount = Math.max(8, Math.round(16 + (perFile - bytesFor(16)) / slope));
    const stages = planStages(stageCount);
    const regionName = i => `Region${String(i).padStart(2, '0')}`;
    const texts = new Map();
    for (let i = 1; i <= regions; i++) {
        texts.set(`pipelines/region-${String(i).padStart(2, '0')}.playbook`, generatePlaybookWithStages(stageCount, { deals: false, name: regionName(i) }).text);
    }
    const dealSet = (playbook, prefix) => `${dealsOf(stages, playbook, prefix).join('\n')}\n`;
    const copies = Math.max(1, Math.round(perFile / dealSet(regionName(1), 'R01C1').length) - 1);
    for (let i = 1; i <= regions; i++) {
        const own = regionName(i), next = regionName((i % regions) + 1);
        const parts = [`// Deals of ${own} (and of ${next}), exported from the CRM\n`];
        for (let c = 1; c <= copies; c++) parts.push(dealSet(own, `R${String(i).padStart(2, '0')}C${c}`));
        parts.push(dealSet(next, `R${String(i).padStart(2, '0')}N`));
        texts.set(`deals/region-${String(i).padStart(2, '0')}-deals.playbook`, parts.join('\n'));
    }
    const bytes = [...texts.values()].reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    return { files: texts, bytes, regions, stagesPerPlaybook: stageCount, dealCopies: copies };
}

// `node bench/generate-playbook.mjs 10000 > big.playbook` writes one to look at;
// `node bench/generate-playbook.mjs --playbooks 1000 > many.playbook` a file of 1,000 small playbooks.
if (isMain(import.meta.url)) {
    if (process.argv[2] === '--playbooks') {
        process.stdout.write(generateManyPlaybooks(Number(process.argv[3] ?? 1000)).text);
    } else {
        process.stdout.write(generatePlaybook(Number(process.argv[2] ?? 10000)).text);
    }
}
