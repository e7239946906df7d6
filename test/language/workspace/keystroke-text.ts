/**
 * A playbook and its deal in one file, small enough to check from scratch after every
 * keystroke, with what the keystroke shortcuts (relinking and revalidating only what an
 * edit changed) must get right: names used in other stages and in the deal, two enums
 * sharing a value name (which of them `A` means depends on the other side of `==`), a
 * gate requiring a task of another stage, conditions typed by their fields, probabilities
 * compared across stages, and a deal replayed against it all.
 */
export const KEYSTROKE_TEXT = `playbook Shortcuts {
  title "Keystrokes"
  field grade: enum { A, B } = A
  field tier: enum { A, C }
  field budget: money
  stage Lead {
    probability 10%
    within 30 days
    task Call "Call them" required
    gate Qualified { requires Call when tier == A }
  }
  stage Demo {
    probability 20%
    task Show required
    gate Shown { requires Show, Call when budget > 0 }
  }
  stage Close {
    probability 40%
    task Sign required
  }
  terminate Lost "Withdrew" from Lead, Demo
}
deal Acme for Shortcuts {
  2026-01-01 enter Lead
  2026-01-02 done Call
  2026-01-03 set tier = A
  2026-01-04 set budget = 10
  2026-01-11 enter Demo
  2026-01-12 done Show
  2026-01-20 enter Close
}
`;
