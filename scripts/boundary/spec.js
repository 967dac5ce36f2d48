// Every wasm export and how the boundary layer (guard.js) reads each of its parameters:
// [kind, label]. kind: "text" (a Rust &str: string, or a number read as its text), "value"
// (a JsValue the core type-checks itself: primitives pass, objects become inert), "data" (an
// object or array the core deserialises: deep-copied into plain values first). label: the
// catalog code BOUNDARY_LABEL_<label> that names the parameter in an error (never its value).
// scripts/build.mjs fails when the glue exports a name or method this file does not list.

var AMOUNT = [['value', 'AMOUNT']];
var TWO_AMOUNTS = [['value', 'FIRST_AMOUNT'], ['value', 'SECOND_AMOUNT']];
var AMOUNT_OPTIONS = [['value', 'AMOUNT'], ['data', 'OPTIONS']];
var MANY_OPTIONS = [['data', 'AMOUNTS'], ['data', 'OPTIONS']];
var TEXT = [['value', 'TEXT']];
var INPUT = [['data', 'INPUT']];
var NONE = [];
var TRANSITION = [['value', 'STATE'], ['value', 'EVENT'], ['data', 'OPTIONS']];
var QUERY = [['data', 'QUERY']];

export var SPEC = {
  functions: {
    absYuan: AMOUNT,
    addYuan: TWO_AMOUNTS,
    bindingStates: NONE,
    checkBinding: INPUT,
    checkQuota: INPUT,
    checkUse: INPUT,
    checkWalletTransfer: INPUT,
    checkYuan: [['value', 'TEXT'], ['data', 'OPTIONS']],
    compareYuan: TWO_AMOUNTS,
    errorCodes: NONE,
    estimateMonthlyCredit: INPUT,
    formatYuan: AMOUNT_OPTIONS,
    formatYuanMany: MANY_OPTIONS,
    getLocale: NONE,
    hotlineFor: [['value', 'REGION']],
    maskName: TEXT,
    maskPhone: TEXT,
    maskResidentId: TEXT,
    messageCatalog: NONE,
    messageFor: [['text', 'CODE']],
    negateYuan: AMOUNT,
    nextBindingState: TRANSITION,
    parseYuan: [['value', 'TEXT'], ['data', 'OPTIONS']],
    previewPayment: INPUT,
    quotaSummary: INPUT,
    relationEnd: INPUT,
    relationName: [['text', 'CODE']],
    relations: NONE,
    releaseQuota: INPUT,
    residentIdValidity: [['data', 'TEXTS'], ['value', 'DATE']],
    roundYuan: AMOUNT,
    setLocale: [['text', 'LOCALE']],
    subtractYuan: TWO_AMOUNTS,
    sumYuan: [['data', 'AMOUNTS']],
    toChineseUppercase: AMOUNT_OPTIONS,
    toChineseUppercaseMany: MANY_OPTIONS,
    toSpokenChinese: AMOUNT,
    toSpokenChineseMany: [['data', 'AMOUNTS']],
    validateAdmdvs: TEXT,
    validateForm: [['text', 'FORM_KIND'], ['data', 'FORM_VALUES'], ['value', 'DATE']],
    validateInstitutionCode: TEXT,
    validateName: TEXT,
    validatePhone: TEXT,
    validatePsnNo: TEXT,
    validateResidentId: [['value', 'TEXT'], ['value', 'DATE']],
    validateResidentIds: [['data', 'TEXTS'], ['value', 'DATE']],
    validateSmsCode: TEXT,
    validateCardNumber: TEXT,
    validateCaptchaAnswer: TEXT,
    version: NONE,
    wasmMemoryBytes: NONE,
  },
  classes: {
    Ledger: {
      statics: {
        fromJson: { params: [['value', 'HISTORY']], returnsSelf: true },
        fromColumns: { params: [['u8', 'HISTORY'], ['u32', 'HISTORY'], ['u32', 'HISTORY'], ['f64', 'HISTORY']], returnsSelf: true },
        columnFields: { params: NONE, returnsSelf: false },
      },
      methods: {
        byMember: QUERY,
        freshness: [['value', 'NOW'], ['data', 'OPTIONS']],
        monthly: QUERY,
        query: QUERY,
        reconcile: NONE,
        rejected: NONE,
        statement: [['data', 'QUERY'], ['value', 'NOW']],
        statementCsv: [['data', 'QUERY'], ['value', 'NOW']],
        toCsv: QUERY,
      },
      getters: ['size'],
    },
    PolicySet: {
      statics: {
        builtIn: { params: NONE, returnsSelf: true },
        builtInJson: { params: NONE, returnsSelf: false },
        fromJson: { params: [['value', 'POLICY_SET']], returnsSelf: true },
      },
      methods: {
        checkBinding: INPUT,
        checkQuota: INPUT,
        checkUse: INPUT,
        checkWalletTransfer: INPUT,
        compareVersion: [['value', 'POLICY_VERSION']],
        estimateMonthlyCredit: INPUT,
        issued: NONE,
        nextBindingState: TRANSITION,
        policies: NONE,
        policyFor: [['text', 'REGION'], ['text', 'DATE']],
        relationEnd: INPUT,
        sources: NONE,
        guidance: NONE,
        useCategories: NONE,
        version: NONE,
        walletRules: NONE,
      },
      getters: [],
    },
  },
};
