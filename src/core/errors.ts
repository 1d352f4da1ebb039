/**
 * Typed errors with stable codes. The same `code` travels through workers, the HTTP API and the CLI
 * exit status, so callers branch on `code`, never on message text.
 *
 * Messages say what was wrong, the value received and what to do, e.g.
 * "column 'TotalCharges' has 11 non-numeric values (first: row 489, ' '); set `coerce: 'nan'` or impute".
 */
export type ErrorCode =
  | 'E_DATA'
  | 'E_IO'
  | 'E_NOT_FITTED'
  | 'E_INVALID_PARAM'
  | 'E_SHAPE'
  | 'E_SPEC'
  | 'E_MODEL_FILE'
  | 'E_STORE'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_AUTH'
  | 'E_FORBIDDEN'
  | 'E_INTERNAL';

/** CLI exit status per error code (0 is success, 1 is reserved for unexpected crashes). */
export const EXIT_CODES: Record<ErrorCode, number> = {
  E_SPEC: 2,
  E_DATA: 3,
  E_IO: 4,
  E_INVALID_PARAM: 5,
  E_SHAPE: 6,
  E_NOT_FITTED: 7,
  E_MODEL_FILE: 8,
  E_STORE: 9,
  E_NOT_FOUND: 10,
  E_CONFLICT: 11,
  E_AUTH: 12,
  E_FORBIDDEN: 13,
  E_INTERNAL: 1,
};

export class TrainyardError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable context (file, row, column, value, key path ...). */
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** Bad input data: ragged rows, non-numeric values, unknown columns, a target with one class ... */
export class DataError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_DATA', message, details);
  }
}

/** A file or connection could not be read or written. */
export class IoError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_IO', message, details);
  }
}

/** `predict`/`transform` before `fit`. */
export class NotFittedError extends TrainyardError {
  constructor(estimator: string) {
    super('E_NOT_FITTED', `${estimator} is not fitted yet; call fit(X, y) before using it`, { estimator });
  }
}

/** A hyper-parameter outside its allowed range, or an unknown parameter name. */
export class InvalidParamError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_INVALID_PARAM', message, details);
  }
}

/** Wrong number of rows/features between arrays, or between fit and predict. */
export class ShapeError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_SHAPE', message, details);
  }
}

/** An invalid experiment spec; `details.path` holds the key path, e.g. `select.candidates[1].model`. */
export class SpecError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_SPEC', message, details);
  }
}

/** A model file that is corrupt, tampered with, of an unknown version or schema. */
export class ModelFileError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_MODEL_FILE', message, details);
  }
}

/** The tracking store could not record or read a run. */
export class StoreError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_STORE', message, details);
  }
}

/** A run, model, version, alias, token or artifact that does not exist (HTTP 404). */
export class NotFoundError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_NOT_FOUND', message, details);
  }
}

/** A change the current state forbids: deleting a running run, a token name already in use (HTTP 409). */
export class ConflictError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_CONFLICT', message, details);
  }
}

/** No credentials, or credentials that are unknown, revoked or malformed (HTTP 401). */
export class AuthError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_AUTH', message, details);
  }
}

/** Valid credentials without the right (a token's scope, a data source outside the allowed roots: HTTP 403). */
export class ForbiddenError extends TrainyardError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('E_FORBIDDEN', message, details);
  }
}

/** Revives an error that crossed a worker/process boundary as JSON, keeping its code. */
export function errorFromJSON(obj: { code?: string; message?: string; details?: Record<string, unknown> }): TrainyardError {
  const code = (obj.code && obj.code in EXIT_CODES ? obj.code : 'E_INTERNAL') as ErrorCode;
  return new TrainyardError(code, obj.message ?? 'unknown error', obj.details ?? {});
}
