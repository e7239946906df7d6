/**
 * The quick fixes, as a table: a workspace with the diagnostic, the fixes offered for it (title
 * and whether it is preferred), one of them applied, and the texts expected after. The texts
 * are in the formatter's layout unless `byHand` says otherwise.
 */
export type Sources = Record<string, string>;

export interface QuickFixCase {
    name: string;
    code: string;
    sources: Sources;
    /** The document holding the diagnostic. */
    uri: string;
    /** The 0-based line of the diagnostic, when the document has several of that code. */
    line?: number;
    /** Every fix offered for it, in order: [title, isPreferred]. */
    offered: Array<[string, boolean]>;
    /** The title of the fix applied, and the texts it leaves (the documents not given are unchanged). */
    apply?: string;
    expected?: Sources;
    /** The texts are laid out by hand (a one-line stage): the fix keeps to their layout. */
    byHand?: true;
}

export const PB = 'file:///ws/sales.playbook';
export const DEALS = 'file:///ws/deals.playbook';

const sales = (requires: string) => `playbook Sales {
  stage Lead {
    task Call "Call the lead" required
    task Qualify
    gate Qualified {
      requires ${requires}
    }
  }
  stage Close {
    task Sign required
  }
}
`;

const pipeline = `playbook Pipeline {
  field met: bool = true
  stage Lead {
    task Call required
  }
  optional stage Demo {
    task ShowDemo required
  }
  stage Meeting {
    gate Met {
      when met
    }
  }
  stage Proposal {
    task Send required
  }
  stage Contract {
    task Sign required
  }
}
`;

const reasons = `playbook Sales {
  stage Lead {
    task Call required
  }
  stage Close {
    task Sign required
  }
  terminate Lost "Customer withdrew"
  terminate Lost "Chose a competitor"
  terminate Disqualified "No budget"
}
`;
const terminated = (reason: string) => `deal Acme for Sales {\n  2026-01-05 enter Lead\n  2026-01-06 terminate Lost "${reason}"\n}\n`;

const laterTask = (requires: string) => `playbook Sales {
  stage Lead {
    task Call "Call the lead" required
    gate Ready {
${requires}    }
  }
  stage Contract {
    task Archive required
    task Sign "Sign the contract" required  // by the buyer
  }
}
`;

const probabilities = (lead: number, meeting: number, contract: number) => `playbook Sales {
  stage Lead {
    probability ${lead}%
    task Call required
  }
  stage Meeting {
    probability ${meeting}%
    task Meet required
  }
  stage Contract {
    probability ${contract}%
    task Sign required
  }
}
`;

const withLimit = (limit: string) => `playbook Sales {
  stage Lead {
${limit}    task Call required
  }
  stage Close {
    task Sign required
  }
}
`;

const twoStages = (fields: string, first = '    task Call required\n') => `playbook Sales {
${fields}  stage Lead {
${first}  }
  stage Close {
    task Sign required
  }
}
`;

const regressions = (forbid: string) => `playbook Sales {
  title "Sales"
${forbid}  stage Lead {
    task Call required
  }
  stage Meeting {
    task Meet required
  }
  stage Contract {
    task Sign required
  }
}
`;
const movesBack = (back: string) => `deal Acme for Sales {
  2026-01-05 enter Lead
  2026-01-06 done Call
  2026-01-07 enter Meeting
${back}  2026-01-09 done Meet
}
`;

const lateDeal = (events: string) => `deal Acme for Sales {\n${events}}\n`;

export const QUICK_FIX_CASES: QuickFixCase[] = [
    // -- unresolved-reference ---------------------------------------------------------------
    {
        name: 'a misspelt task in a gate: the closest declared task',
        code: 'unresolved-reference', sources: { [PB]: sales('Qualfy') }, uri: PB,
        offered: [["Did you mean 'Qualify'?", true], ['Create task Qualfy in stage Lead', false]],
        apply: "Did you mean 'Qualify'?", expected: { [PB]: sales('Qualify') }
    },
    {
        name: 'an unknown task in a gate: created in the gate\'s stage',
        code: 'unresolved-reference', sources: { [PB]: sales('SendBrochure') }, uri: PB,
        offered: [['Create task SendBrochure in stage Lead', true]],
        apply: 'Create task SendBrochure in stage Lead',
        expected: { [PB]: sales('SendBrochure').replace('    task Qualify\n', '    task Qualify\n    task SendBrochure required\n') }
    },
    {
        name: 'never a later stage\'s task for a gate',
        code: 'unresolved-reference', sources: { [PB]: sales('Sgn') }, uri: PB,
        offered: [['Create task Sgn in stage Lead', true]]
    },
    {
        name: 'a task created in a one-line stage stays on its line',
        code: 'unresolved-reference', byHand: true,
        sources: { [PB]: 'playbook P {\n  stage A { gate G { requires Prep } }\n  stage B { task T required }\n}\n' }, uri: PB,
        offered: [['Create task Prep in stage A', true]],
        apply: 'Create task Prep in stage A',
        expected: { [PB]: 'playbook P {\n  stage A { task Prep required gate G { requires Prep } }\n  stage B { task T required }\n}\n' }
    },
    {
        name: 'a misspelt stage in a deal of another file: the stages of the deal\'s playbook',
        code: 'unresolved-reference',
        sources: { [PB]: sales('Call'), [DEALS]: 'deal Acme for Sales {\n  2026-01-01 enter Lead\n  2026-01-02 done Call\n  2026-01-03 enter Clos\n}\n' },
        uri: DEALS,
        offered: [["Did you mean 'Close'?", true]],
        apply: "Did you mean 'Close'?",
        expected: { [DEALS]: 'deal Acme for Sales {\n  2026-01-01 enter Lead\n  2026-01-02 done Call\n  2026-01-03 enter Close\n}\n' }
    },
    {
        name: 'a misspelt playbook name: the playbooks of the workspace',
        code: 'unresolved-reference',
        sources: { [PB]: sales('Call'), [DEALS]: 'deal Acme for Sals {\n  2026-01-01 enter Lead\n}\n' }, uri: DEALS,
        offered: [["Did you mean 'Sales'?", true]],
        apply: "Did you mean 'Sales'?", expected: { [DEALS]: 'deal Acme for Sales {\n  2026-01-01 enter Lead\n}\n' }
    },
    {
        name: 'a misspelt stage in a rule\'s from',
        code: 'unresolved-reference',
        sources: { [PB]: sales('Call').replace('  }\n}\n', '  }\n  terminate Lost "Gone" from Clsoe\n}\n') }, uri: PB,
        offered: [["Did you mean 'Close'?", true]],
        apply: "Did you mean 'Close'?",
        expected: { [PB]: sales('Call').replace('  }\n}\n', '  }\n  terminate Lost "Gone" from Close\n}\n') }
    },
    {
        name: 'as close to two names: both offered, neither preferred',
        code: 'unresolved-reference',
        sources: {
            [PB]: 'playbook Sales {\n  stage Lead {\n    task Call required\n  }\n  stage Load {\n    task Ship required\n  }\n}\n',
            [DEALS]: 'deal Acme for Sales {\n  2026-01-01 enter Lad\n}\n'
        },
        uri: DEALS,
        offered: [["Did you mean 'Lead'?", false], ["Did you mean 'Load'?", false]],
        apply: "Did you mean 'Load'?", expected: { [DEALS]: 'deal Acme for Sales {\n  2026-01-01 enter Load\n}\n' }
    },
    {
        name: 'no declared name close: nothing',
        code: 'unresolved-reference',
        sources: { [PB]: sales('Call'), [DEALS]: 'deal Acme for Sales {\n  2026-01-01 enter Somewhere\n}\n' }, uri: DEALS,
        offered: []
    },

    // -- gate-requires-later-task -----------------------------------------------------------
    {
        name: 'a later task moved into the gate\'s stage, with its comment',
        code: 'gate-requires-later-task', sources: { [PB]: laterTask('      requires Call, Sign\n') }, uri: PB,
        offered: [['Move task Sign to stage Lead', false], ['Remove Sign from the requirements of gate Ready', false]],
        apply: 'Move task Sign to stage Lead',
        expected: {
            [PB]: laterTask('      requires Call, Sign\n')
                .replace('    task Sign "Sign the contract" required  // by the buyer\n', '')
                .replace('    task Call "Call the lead" required\n', '    task Call "Call the lead" required\n    task Sign "Sign the contract" required  // by the buyer\n')
        }
    },
    {
        name: 'a later task dropped from a list of requirements',
        code: 'gate-requires-later-task', sources: { [PB]: laterTask('      requires Sign, Call\n') }, uri: PB,
        offered: [['Move task Sign to stage Lead', false], ['Remove Sign from the requirements of gate Ready', false]],
        apply: 'Remove Sign from the requirements of gate Ready',
        expected: { [PB]: laterTask('      requires Call\n') }
    },
    {
        name: 'the only requirement of a gate with a condition: the requires line goes',
        code: 'gate-requires-later-task',
        sources: { [PB]: laterTask('      requires Sign\n      when true\n') }, uri: PB,
        offered: [['Move task Sign to stage Lead', false], ['Remove Sign from the requirements of gate Ready', false]],
        apply: 'Remove Sign from the requirements of gate Ready',
        expected: { [PB]: laterTask('      when true\n') }
    },
    {
        name: 'the only content of a gate: the gate is left empty, as {}',
        code: 'gate-requires-later-task', sources: { [PB]: laterTask('      requires Sign\n') }, uri: PB,
        offered: [['Move task Sign to stage Lead', false], ['Remove Sign from the requirements of gate Ready', false]],
        apply: 'Remove Sign from the requirements of gate Ready',
        expected: { [PB]: laterTask('      requires Sign\n').replace('    gate Ready {\n      requires Sign\n    }\n', '    gate Ready {}\n') }
    },

    // -- missing-gate -----------------------------------------------------------------------
    {
        name: 'an empty gate named after a stage without tasks',
        code: 'missing-gate',
        sources: { [PB]: 'playbook P {\n  stage Lead {\n    task Call required\n  }\n  stage Meeting "Meeting" {\n    probability 30%\n  }\n  stage Close {\n    task Sign required\n  }\n}\n' },
        uri: PB,
        offered: [['Add a gate MeetingDone to stage Meeting', true]],
        apply: 'Add a gate MeetingDone to stage Meeting',
        expected: { [PB]: 'playbook P {\n  stage Lead {\n    task Call required\n  }\n  stage Meeting "Meeting" {\n    probability 30%\n    gate MeetingDone {}\n  }\n  stage Close {\n    task Sign required\n  }\n}\n' }
    },
    {
        name: 'a gate, with a free name, on a stage without a block',
        code: 'missing-gate',
        sources: { [PB]: 'playbook P {\n  stage Lead {\n    task Call required\n  }\n  stage LeadDone\n  stage Close {\n    task Sign required\n    gate LeadDone {\n      requires Call\n    }\n  }\n}\n' },
        uri: PB,
        offered: [['Add a gate LeadDoneDone to stage LeadDone', true]],
        apply: 'Add a gate LeadDoneDone to stage LeadDone',
        expected: { [PB]: 'playbook P {\n  stage Lead {\n    task Call required\n  }\n  stage LeadDone {\n    gate LeadDoneDone {}\n  }\n  stage Close {\n    task Sign required\n    gate LeadDone {\n      requires Call\n    }\n  }\n}\n' }
    },
    {
        name: 'a gate requiring the stage\'s tasks',
        code: 'missing-gate', line: 1,
        sources: { [PB]: 'playbook P {\n  stage Lead {\n    task Call\n    task Visit\n  }\n  stage Close {\n    task Sign required\n    gate LeadDone {\n      requires Call\n    }\n  }\n}\n' },
        uri: PB,
        offered: [['Add a gate LeadDone2 to stage Lead', true]],
        apply: 'Add a gate LeadDone2 to stage Lead',
        expected: { [PB]: 'playbook P {\n  stage Lead {\n    task Call\n    task Visit\n    gate LeadDone2 {\n      requires Call, Visit\n    }\n  }\n  stage Close {\n    task Sign required\n    gate LeadDone {\n      requires Call\n    }\n  }\n}\n' }
    },

    // -- duplicate-attribute / duplicate-name ------------------------------------------------
    {
        name: 'a duplicate attribute: its line, with its comment',
        code: 'duplicate-attribute',
        sources: { [PB]: 'playbook P {\n  stage Lead {\n    probability 10%\n    probability 20%  // again\n    task Call required\n  }\n  stage Close {\n    probability 90%\n  }\n}\n' },
        uri: PB,
        offered: [["Remove the duplicate 'probability 20%'", true]],
        apply: "Remove the duplicate 'probability 20%'",
        expected: { [PB]: 'playbook P {\n  stage Lead {\n    probability 10%\n    task Call required\n  }\n  stage Close {\n    probability 90%\n  }\n}\n' }
    },
    {
        name: 'a duplicate title on a shared line',
        code: 'duplicate-attribute', byHand: true,
        sources: { [PB]: 'playbook P {\n  title "A" title "B" version "1.0.0"\n  stage Only { task T required owner "Sales" }\n}\n' }, uri: PB,
        offered: [["Remove the duplicate 'title \"B\"'", true]],
        apply: "Remove the duplicate 'title \"B\"'",
        expected: { [PB]: 'playbook P {\n  title "A" version "1.0.0"\n  stage Only { task T required owner "Sales" }\n}\n' }
    },
    {
        name: 'a duplicate required of a task',
        code: 'duplicate-attribute',
        sources: { [PB]: 'playbook P {\n  stage Only {\n    task T required owner "Sales" required\n  }\n}\n' }, uri: PB,
        offered: [["Remove the duplicate 'required'", true]],
        apply: "Remove the duplicate 'required'",
        expected: { [PB]: 'playbook P {\n  stage Only {\n    task T required owner "Sales"\n  }\n}\n' }
    },
    {
        name: 'a duplicate condition of a rule, on its continuation line',
        code: 'duplicate-attribute', byHand: true,
        sources: { [PB]: 'playbook P {\n  field ok: bool\n  stage Only { task T required }\n  terminate Lost "Gone" when not ok\n    when ok and not ok\n}\n' },
        uri: PB,
        offered: [["Remove the duplicate 'when ok and not ok'", true]],
        apply: "Remove the duplicate 'when ok and not ok'",
        expected: { [PB]: 'playbook P {\n  field ok: bool\n  stage Only { task T required }\n  terminate Lost "Gone" when not ok\n}\n' }
    },
    {
        name: 'a rule repeated word for word',
        code: 'duplicate-name',
        sources: { [PB]: twoStages('').replace('  }\n}\n', '  }\n  terminate Lost "Customer withdrew"\n  terminate Lost "Customer withdrew"\n}\n') }, uri: PB,
        offered: [['Remove the repeated rule Lost "Customer withdrew"', true]],
        apply: 'Remove the repeated rule Lost "Customer withdrew"',
        expected: { [PB]: twoStages('').replace('  }\n}\n', '  }\n  terminate Lost "Customer withdrew"\n}\n') }
    },
    {
        name: 'an enum value repeated',
        code: 'duplicate-name',
        sources: { [PB]: twoStages('  field grade: enum {A, B, A}\n', '    task Call required\n    gate G {\n      when grade = A\n    }\n') }, uri: PB,
        offered: [['Remove the repeated value A', true]],
        apply: 'Remove the repeated value A',
        expected: { [PB]: twoStages('  field grade: enum {A, B}\n', '    task Call required\n    gate G {\n      when grade = A\n    }\n') }
    },
    {
        name: 'two different tasks with one name: nothing (which to rename is the author\'s call)',
        code: 'duplicate-name',
        sources: { [PB]: twoStages('', '    task Call "Call" required\n    task Call "Call again" required\n') }, uri: PB,
        offered: []
    },

    // -- probabilities and limits -------------------------------------------------------------
    {
        name: 'a probability above 100%',
        code: 'probability-range', sources: { [PB]: probabilities(10, 50, 120) }, uri: PB,
        offered: [['Change to 100%', true]],
        apply: 'Change to 100%', expected: { [PB]: probabilities(10, 50, 100) }
    },
    {
        name: 'a falling probability raised to the previous stage\'s',
        code: 'probability-decreasing', sources: { [PB]: probabilities(40, 30, 90) }, uri: PB,
        offered: [['Raise to 40% (as in Lead)', true], ["Lower Lead's probability to 30%", false]],
        apply: 'Raise to 40% (as in Lead)', expected: { [PB]: probabilities(40, 40, 90) }
    },
    {
        name: 'raising would break the order after it: the previous stage lowered instead',
        code: 'probability-decreasing', sources: { [PB]: probabilities(40, 30, 35) }, uri: PB,
        offered: [['Raise to 40% (as in Lead)', false], ["Lower Lead's probability to 30%", false]],
        apply: "Lower Lead's probability to 30%", expected: { [PB]: probabilities(30, 30, 35) }
    },
    {
        name: 'lowering the previous stage would break the order before it: only raising',
        code: 'probability-decreasing', sources: { [PB]: probabilities(55, 60, 50) }, uri: PB,
        offered: [['Raise to 60% (as in Meeting)', true]],
        apply: 'Raise to 60% (as in Meeting)', expected: { [PB]: probabilities(55, 60, 60) }
    },
    {
        name: 'a fraction of a day rounded',
        code: 'within-range', sources: { [PB]: withLimit('    within 2.5 days\n') }, uri: PB,
        offered: [['Round to 3 days', true], ['Remove the time limit', false]],
        apply: 'Round to 3 days', expected: { [PB]: withLimit('    within 3 days\n') }
    },
    {
        name: 'a limit of 0 days removed',
        code: 'within-range', sources: { [PB]: withLimit('    within 0 days\n') }, uri: PB,
        offered: [['Remove the time limit', false]],
        apply: 'Remove the time limit', expected: { [PB]: withLimit('') }
    },
    {
        name: 'a limit written twice: the later one rounded, by its own value',
        code: 'within-range', sources: { [PB]: withLimit('    within 30 days\n    within 2.5 days\n') }, uri: PB,
        offered: [['Round to 3 days', true], ['Remove the time limit', false]],
        apply: 'Round to 3 days', expected: { [PB]: withLimit('    within 30 days\n    within 3 days\n') }
    },

    // -- unused declarations --------------------------------------------------------------------
    {
        name: 'an unused field removed',
        code: 'unused-field', sources: { [PB]: twoStages('  field budget: money\n  field note: text = "n/a"\n', '    task Call required\n    gate G {\n      when budget > 0\n    }\n') },
        uri: PB,
        offered: [['Remove field note', true], ['Mark field note as info (profile, not a criterion)', false]],
        apply: 'Remove field note',
        expected: { [PB]: twoStages('  field budget: money\n', '    task Call required\n    gate G {\n      when budget > 0\n    }\n') }
    },
    {
        name: 'an unused field marked info: a profile field, kept for people to read',
        code: 'unused-field', sources: { [PB]: twoStages('  field budget: money\n  field note: text = "n/a"\n', '    task Call required\n    gate G {\n      when budget > 0\n    }\n') },
        uri: PB,
        offered: [['Remove field note', true], ['Mark field note as info (profile, not a criterion)', false]],
        apply: 'Mark field note as info (profile, not a criterion)',
        expected: { [PB]: twoStages('  field budget: money\n  info field note: text = "n/a"\n', '    task Call required\n    gate G {\n      when budget > 0\n    }\n') }
    },
    {
        name: 'an unused field a deal sets: kept (the deal would be left naming nothing), or marked info',
        code: 'unused-field',
        sources: { [PB]: twoStages('  field note: text\n'), [DEALS]: 'deal Acme for Sales {\n  2026-01-01 set note = "met at a fair"\n}\n' }, uri: PB,
        offered: [['Mark field note as info (profile, not a criterion)', false]]
    },
    {
        name: 'an info field a condition reads: info removed',
        code: 'info-field-read', sources: { [PB]: twoStages('  info field budget: money\n', '    task Call required\n    gate G {\n      when budget > 0\n    }\n') },
        uri: PB,
        offered: [["Remove 'info': field budget is a criterion", true]],
        apply: "Remove 'info': field budget is a criterion",
        expected: { [PB]: twoStages('  field budget: money\n', '    task Call required\n    gate G {\n      when budget > 0\n    }\n') }
    },
    {
        name: 'an unused task made required',
        code: 'unused-task', sources: { [PB]: twoStages('', '    task Call required\n    task Visit "Visit the site" owner "Sales"\n') }, uri: PB,
        offered: [['Make task Visit required', false]],
        apply: 'Make task Visit required',
        expected: { [PB]: twoStages('', '    task Call required\n    task Visit "Visit the site" required owner "Sales"\n') }
    },

    // -- values ---------------------------------------------------------------------------------
    {
        name: 'a version without its patch number',
        code: 'version-format', sources: { [PB]: twoStages('  version "1.0"\n') }, uri: PB,
        offered: [['Change to "1.0.0"', true]],
        apply: 'Change to "1.0.0"', expected: { [PB]: twoStages('  version "1.0.0"\n') }
    },
    {
        name: 'a version written twice: the later one changed, from its own text',
        code: 'version-format', sources: { [PB]: twoStages('  version "1.0.0"\n  version "2.1"\n') }, uri: PB,
        offered: [['Change to "2.1.0"', true]],
        apply: 'Change to "2.1.0"', expected: { [PB]: twoStages('  version "1.0.0"\n  version "2.1.0"\n') }
    },
    {
        name: 'a day past the end of its month in a deal',
        code: 'invalid-date', sources: { [PB]: twoStages(''), [DEALS]: 'deal Acme for Sales {\n  2026-02-01 enter Lead\n  2026-02-30 done Call\n}\n' }, uri: DEALS,
        offered: [['Change to 2026-02-28', false]],
        apply: 'Change to 2026-02-28', expected: { [DEALS]: 'deal Acme for Sales {\n  2026-02-01 enter Lead\n  2026-02-28 done Call\n}\n' }
    },
    {
        name: 'a day past the end of its month in a condition',
        code: 'invalid-date', sources: { [PB]: twoStages('  field closeBy: date\n', '    task Call required\n    gate G {\n      when closeBy <= 2026-04-31\n    }\n') }, uri: PB,
        offered: [['Change to 2026-04-30', false]],
        apply: 'Change to 2026-04-30',
        expected: { [PB]: twoStages('  field closeBy: date\n', '    task Call required\n    gate G {\n      when closeBy <= 2026-04-30\n    }\n') }
    },
    {
        name: 'a month that does not exist: nothing to guess from',
        code: 'invalid-date', sources: { [PB]: twoStages(''), [DEALS]: 'deal Acme for Sales {\n  2026-02-01 enter Lead\n  2026-13-01 done Call\n}\n' }, uri: DEALS,
        offered: []
    },

    // -- deals ------------------------------------------------------------------------------------
    {
        name: 'the skipped enter events added, dated as the skipping event',
        code: 'stage-skip',
        sources: { [PB]: pipeline, [DEALS]: 'deal Acme for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-07 enter Contract  // too fast\n}\n' },
        uri: DEALS,
        offered: [['Add the skipped enter events (Meeting, Proposal)', true]],
        apply: 'Add the skipped enter events (Meeting, Proposal)',
        expected: { [DEALS]: 'deal Acme for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-07 enter Meeting\n  2026-01-07 enter Proposal\n  2026-01-07 enter Contract  // too fast\n}\n' }
    },
    {
        name: 'a deal that starts in a later stage gets the stages before it',
        code: 'stage-skip', sources: { [PB]: pipeline, [DEALS]: 'deal Late for Pipeline {\n  2026-01-05 enter Meeting\n}\n' }, uri: DEALS,
        offered: [['Add the skipped enter event (Lead)', true]],
        apply: 'Add the skipped enter event (Lead)',
        expected: { [DEALS]: 'deal Late for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-05 enter Meeting\n}\n' }
    },
    {
        name: 'a win claimed early gets the remaining stages before it',
        code: 'stage-skip',
        sources: { [PB]: pipeline, [DEALS]: 'deal Eager for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-09 enter Meeting\n  2026-01-10 won\n}\n' },
        uri: DEALS,
        offered: [['Add the skipped enter events (Proposal, Contract)', true]],
        apply: 'Add the skipped enter events (Proposal, Contract)',
        expected: { [DEALS]: 'deal Eager for Pipeline {\n  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-09 enter Meeting\n  2026-01-10 enter Proposal\n  2026-01-10 enter Contract\n  2026-01-10 won\n}\n' }
    },
    {
        name: 'a new reason declared in the playbook of another file',
        code: 'undeclared-reason', sources: { [PB]: reasons, [DEALS]: terminated('Too expensive') }, uri: DEALS,
        offered: [
            ['Declare reason "Too expensive" for Lost', true],
            ['Change to declared reason "Customer withdrew"', false],
            ['Change to declared reason "Chose a competitor"', false]
        ],
        apply: 'Declare reason "Too expensive" for Lost',
        expected: { [PB]: reasons.replace('  terminate Disqualified "No budget"\n', '  terminate Disqualified "No budget"\n  terminate Lost "Too expensive"\n') }
    },
    {
        name: 'a misspelt reason: the closest declared one first',
        code: 'undeclared-reason', sources: { [PB]: reasons, [DEALS]: terminated('Customer withdraw') }, uri: DEALS,
        offered: [
            ['Change to declared reason "Customer withdrew"', true],
            ['Declare reason "Customer withdraw" for Lost', false],
            ['Change to declared reason "Chose a competitor"', false]
        ],
        apply: 'Change to declared reason "Customer withdrew"', expected: { [DEALS]: terminated('Customer withdrew') }
    },
    {
        name: 'another declared reason picked',
        code: 'undeclared-reason', sources: { [PB]: reasons, [DEALS]: terminated('Went elsewhere') }, uri: DEALS,
        offered: [
            ['Declare reason "Went elsewhere" for Lost', true],
            ['Change to declared reason "Customer withdrew"', false],
            ['Change to declared reason "Chose a competitor"', false]
        ],
        apply: 'Change to declared reason "Chose a competitor"', expected: { [DEALS]: terminated('Chose a competitor') }
    },
    {
        name: 'the first terminate rule of a playbook, at its end',
        code: 'undeclared-reason',
        sources: { [PB]: 'playbook Bare {\n  stage Only {\n    task T required\n  }\n}\n', [DEALS]: 'deal D for Bare {\n  2026-01-01 enter Only\n  2026-01-02 terminate Lost "Gone"\n}\n' },
        uri: DEALS,
        offered: [['Declare reason "Gone" for Lost', true]],
        apply: 'Declare reason "Gone" for Lost',
        expected: { [PB]: 'playbook Bare {\n  stage Only {\n    task T required\n  }\n  terminate Lost "Gone"\n}\n' }
    },
    {
        name: 'a rule let apply from the stage the deal is in',
        code: 'terminate-not-allowed',
        sources: {
            [PB]: twoStages('').replace('  }\n}\n', '  }\n  terminate Refunded "Paid back" from Close\n}\n'),
            [DEALS]: 'deal Acme for Sales {\n  2026-01-05 enter Lead\n  2026-01-06 terminate Refunded "Paid back"\n}\n'
        },
        uri: DEALS,
        offered: [['Let Refunded "Paid back" apply from Lead too', false]],
        apply: 'Let Refunded "Paid back" apply from Lead too',
        expected: { [PB]: twoStages('').replace('  }\n}\n', '  }\n  terminate Refunded "Paid back" from Close, Lead\n}\n') }
    },
    {
        name: 'a move back removed',
        code: 'regression-forbidden',
        sources: { [PB]: regressions('  forbid regressions\n'), [DEALS]: movesBack('  2026-01-08 enter Lead  // re-qualified\n') }, uri: DEALS,
        offered: [['Remove the move back to Lead', false], ["Allow moving back: remove 'forbid regressions' from playbook Sales", false]],
        apply: 'Remove the move back to Lead', expected: { [DEALS]: movesBack('') }
    },
    {
        name: 'moving back allowed in the playbook of another file',
        code: 'regression-forbidden',
        sources: { [PB]: regressions('  forbid regressions\n'), [DEALS]: movesBack('  2026-01-08 enter Lead  // re-qualified\n') }, uri: DEALS,
        offered: [['Remove the move back to Lead', false], ["Allow moving back: remove 'forbid regressions' from playbook Sales", false]],
        apply: "Allow moving back: remove 'forbid regressions' from playbook Sales", expected: { [PB]: regressions('') }
    },
    {
        name: 'an event dated before all the others moved first, with its comment',
        code: 'event-out-of-order',
        sources: { [PB]: twoStages(''), [DEALS]: lateDeal('  2026-01-10 enter Lead\n  2026-01-05 done Call  // booked late\n  2026-01-12 enter Close\n') }, uri: DEALS,
        offered: [['Move this event to its place in date order', true]],
        apply: 'Move this event to its place in date order',
        expected: { [DEALS]: lateDeal('  2026-01-05 done Call  // booked late\n  2026-01-10 enter Lead\n  2026-01-12 enter Close\n') }
    },
    {
        name: 'an event dated too late moved down, before a later event of its date',
        code: 'event-out-of-order',
        sources: { [PB]: twoStages(''), [DEALS]: lateDeal('  2026-01-05 enter Lead\n  2026-01-20 done Sign\n  2026-01-06 done Call\n  2026-01-07 enter Close\n  2026-01-20 won\n') },
        uri: DEALS,
        offered: [['Move this event to its place in date order', true]],
        apply: 'Move this event to its place in date order',
        expected: { [DEALS]: lateDeal('  2026-01-05 enter Lead\n  2026-01-06 done Call\n  2026-01-07 enter Close\n  2026-01-20 done Sign\n  2026-01-20 won\n') }
    }
];
