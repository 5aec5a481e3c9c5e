export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type DetectorName = 'tiny' | 'ssd';

/** One detection attempt; the pipeline stops at the first attempt that finds a face. */
export interface DetectionAttempt {
  detector: DetectorName;
  /** tiny detector input size (multiple of 32); default: the image's longest side rounded to 32, 160..maxInputSize. */
  inputSize?: number;
  /** Cap of the automatic input size (default 416): the wasm heap grows with it and never shrinks. */
  maxInputSize?: number;
  /** border added on each side, as a fraction of the longer side: tight ID crops need context to be detected. */
  pad?: number;
  /** Keep this attempt's faces only when the smallest is at least this wide in detector-input pixels, else go on. */
  minFaceInputPx?: number;
}

export interface DetectOptions {
  /** Longest side the image is scaled down to before detection. */
  maxSide?: number;
  /** Minimum detector confidence for a face to be reported at all. */
  minScore?: number;
  attempts?: readonly DetectionAttempt[];
  /** Average each descriptor with the one of the mirrored face (one extra recogniser pass per face). */
  flipAverage?: boolean;
}

export interface DetectedFace {
  /** In original-image pixels (after EXIF rotation). */
  box: FaceBox;
  score: number;
  descriptor: Float32Array;
  /** Which attempt found it, for diagnostics and tuning. */
  detector: string;
}
