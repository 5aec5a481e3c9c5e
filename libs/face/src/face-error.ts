/** Error codes of the face engine; the HTTP layer maps them through `status`. */
export enum FaceErrorCode {
  ImageInvalid = 'IMAGE_INVALID',
  ImageUnsupportedType = 'IMAGE_UNSUPPORTED_TYPE',
  ImageTooLarge = 'IMAGE_TOO_LARGE',
  NoFace = 'NO_FACE',
  MultipleFaces = 'MULTIPLE_FACES',
  FaceTooSmall = 'FACE_TOO_SMALL',
  LowDetectionScore = 'LOW_DETECTION_SCORE',
  EngineBusy = 'ENGINE_BUSY',
  EngineFailure = 'ENGINE_FAILURE',
  EngineClosed = 'ENGINE_CLOSED',
  ModelsInvalid = 'MODELS_INVALID',
  DescriptorInvalid = 'DESCRIPTOR_INVALID',
}

/** HTTP status hint per code (the lead maps these onto the project's error registry). */
export const FACE_ERROR_STATUS: Readonly<Record<FaceErrorCode, number>> = {
  [FaceErrorCode.ImageInvalid]: 400,
  [FaceErrorCode.ImageUnsupportedType]: 415,
  [FaceErrorCode.ImageTooLarge]: 413,
  [FaceErrorCode.NoFace]: 422,
  [FaceErrorCode.MultipleFaces]: 422,
  [FaceErrorCode.FaceTooSmall]: 422,
  [FaceErrorCode.LowDetectionScore]: 422,
  [FaceErrorCode.EngineBusy]: 503,
  [FaceErrorCode.EngineFailure]: 503,
  [FaceErrorCode.EngineClosed]: 503,
  [FaceErrorCode.ModelsInvalid]: 500,
  [FaceErrorCode.DescriptorInvalid]: 500,
};

export class FaceError extends Error {
  readonly status: number;

  constructor(
    readonly code: FaceErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'FaceError';
    this.status = FACE_ERROR_STATUS[code];
  }
}

export function isFaceErrorCode(value: unknown): value is FaceErrorCode {
  return typeof value === 'string' && (Object.values(FaceErrorCode) as string[]).includes(value);
}
