/**
 * Registers every Playbook check. All of them are `fast`: they run on every edit, so an
 * author sees structural errors and deal violations as they type.
 */
import type { ValidationChecks } from 'langium';
import type { PlaybookAstType } from '../generated/ast.js';
import type { PlaybookServices } from '../playbook-module.js';

export function registerValidationChecks(services: PlaybookServices): void {
    const registry = services.validation.ValidationRegistry;
    const structure = services.validation.StructureValidator;
    const conditions = services.validation.ConditionValidator;
    const deals = services.validation.DealValidator;
    const variants = services.validation.VariantValidator;
    const checks: ValidationChecks<PlaybookAstType> = {
        Document: structure.checkUniqueTopLevelNames.bind(structure),
        Playbook: [structure.checkPlaybook.bind(structure), variants.checkPlaybook.bind(variants)],
        Stage: structure.checkStage.bind(structure),
        Task: structure.checkTask.bind(structure),
        EnumType: structure.checkEnum.bind(structure),
        Gate: [structure.checkGate.bind(structure), conditions.checkGate.bind(conditions)],
        Terminate: [structure.checkTerminate.bind(structure), conditions.checkTerminate.bind(conditions)],
        Cadence: [structure.checkCadence.bind(structure), conditions.checkCadence.bind(conditions)],
        Field: conditions.checkFieldDefault.bind(conditions),
        SetEvent: conditions.checkSetEvent.bind(conditions),
        DateLiteral: structure.checkDate.bind(structure),
        NumberLiteral: structure.checkNumber.bind(structure),
        NegatedNumber: structure.checkNumber.bind(structure),
        Event: structure.checkDate.bind(structure),
        Deal: deals.checkDeal.bind(deals)
    };
    registry.register(checks, undefined, 'fast');
}
