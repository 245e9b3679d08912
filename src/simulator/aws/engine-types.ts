/** The JSON values the local Step Functions engine (aws-local-stepfunctions) passes around. */
export type JSONValue = null | boolean | number | string | JSONValue[] | { [key: string]: JSONValue };
