export const id = 718;
export const ids = [718];
export const modules = {

/***/ 7718:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   post: () => (/* binding */ post)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6257);
/* harmony import */ var _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8476);
/* harmony import */ var _aws_clients_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(201);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4296);
/* harmony import */ var _engine_setup_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6138);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8165);
/* harmony import */ var _step_state_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4634);
/**
 * The post step (`runs.post`, which runs even when the job is cancelled): stops the execution the
 * main step started when the main step did not see it end, e.g. it was killed after SIGINT and
 * SIGTERM before its own StopExecution was done.
 */







async function post() {
    const executionArn = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_step_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StepState */ .u.executionArn);
    const outcome = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_step_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StepState */ .u.outcome);
    if (!executionArn)
        return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('Post step: no execution was started; nothing to stop.');
    if (outcome)
        return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Post step: run ${_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_step_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StepState */ .u.runId)} ${outcome === 'detached' ? 'was left running on purpose' : 'has ended'}; nothing to stop.`);
    let inputs = null;
    try {
        inputs = (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .readInputs */ .Ko)();
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Post step: inputs unreadable (${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(error)}); using the environment's AWS credentials.`);
    }
    const region = executionArn.split(':')[3];
    const base = inputs ? (0,_inputs_js__WEBPACK_IMPORTED_MODULE_4__/* .awsEnv */ .l4)(inputs) : process.env;
    const env = base.AWS_REGION || !region ? base : { ...base, AWS_REGION: region };
    const credentials = inputs ? (0,_engine_setup_js__WEBPACK_IMPORTED_MODULE_3__/* .awsCredentials */ .c)(inputs, env, `fivetran-dbt-post-${_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu(_step_state_js__WEBPACK_IMPORTED_MODULE_5__/* .StepState */ .u.runId)}`) : undefined;
    const sfn = (0,_aws_clients_js__WEBPACK_IMPORTED_MODULE_1__/* .createAwsClient */ .nV)(_aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_6__/* .SFNClient */ .ZIB, 'sfn', env, { maxAttempts: 3, ...(credentials ? { credentials } : {}) });
    try {
        const { status } = await sfn.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_6__/* .DescribeExecutionCommand */ .tVP({ executionArn }));
        if (status !== 'RUNNING')
            return _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Post step: ${executionArn} is ${status}; nothing to stop.`);
        await sfn.send(new _aws_sdk_client_sfn__WEBPACK_IMPORTED_MODULE_6__/* .StopExecutionCommand */ .WP$({ executionArn, error: 'Cancelled', cause: 'Run cancelled: the workflow step ended before the run did (cancelled or killed); stopped by the post step.' }));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Stopped ${executionArn}: the main step ended before the run did.`, { title: 'Run stopped by the post step' });
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(`Post step: could not stop ${executionArn}: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .messageOf */ .bD)(error)}. Stop it in the console or with \`fivetran-dbt cancel\`.`);
    }
    finally {
        sfn.destroy();
    }
}


/***/ })

};
