/**
 * A playbook whose deal is judged differently as of different dates: a time limit that runs
 * to the as-of date, and a rule that reads `today`. The CLI's `--as-of` and the editor's
 * `playbook.simulation.asOf` are tested on it.
 */
export const AS_OF_CONTRACTS = `playbook Contracts {
  field lastContact: date
  stage Signed {
    within 30 days
    task Sign required
  }
  stage Delivery {}
  terminate Lost "No contact for 60 days" when lastContact + 60 days < today
}

deal Quiet for Contracts {
  2026-03-01 set lastContact = 2026-03-01
}
`;
