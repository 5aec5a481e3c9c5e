import { FaceError, FaceErrorCode } from '../common/face-error.js';
import type { DetectedFace } from './face.types.js';

export interface QualityGates {
  /** Smallest accepted face box side in original pixels. */
  minFaceSize: number;
  /** Smallest accepted detector confidence. */
  minScore: number;
  /** Another face at least this fraction of the largest face's width counts as a second person. */
  secondFaceRatio: number;
}

export const DEFAULT_QUALITY_GATES: Readonly<QualityGates> = {
  minFaceSize: 80,
  minScore: 0.6,
  secondFaceRatio: 0.5,
};

/** Enrolment: exactly one clear, large enough face, else the specific error. */
export function selectEnrollmentFace(faces: DetectedFace[], gates: QualityGates = DEFAULT_QUALITY_GATES): DetectedFace {
  if (faces.length === 0) throw new FaceError(FaceErrorCode.NO_FACE, 'No face found in the photo');
  const [largest] = [...faces].sort((a, b) => b.box.width - a.box.width);
  // Small background faces do not make a photo ambiguous; a second face of similar size does.
  const others = faces.filter((f) => f !== largest && f.box.width >= largest.box.width * gates.secondFaceRatio);
  if (others.length > 0) {
    throw new FaceError(FaceErrorCode.MULTIPLE_FACES, 'More than one face in the photo', { faces: others.length + 1 });
  }
  const size = Math.min(largest.box.width, largest.box.height);
  if (size < gates.minFaceSize) {
    throw new FaceError(FaceErrorCode.FACE_TOO_SMALL, `Face is ${size}px, at least ${gates.minFaceSize}px needed`, {
      size,
      minFaceSize: gates.minFaceSize,
    });
  }
  if (largest.score < gates.minScore) {
    throw new FaceError(FaceErrorCode.LOW_DETECTION_SCORE, 'Face detection is not confident enough', {
      score: Number(largest.score.toFixed(3)),
      minScore: gates.minScore,
    });
  }
  return largest;
}

/** Identification: the subject of a probe is its largest face. */
export function selectSubjectFace(faces: DetectedFace[]): DetectedFace {
  if (faces.length === 0) throw new FaceError(FaceErrorCode.NO_FACE, 'No face found in the photo');
  return faces.reduce((a, b) => (b.box.width * b.box.height > a.box.width * a.box.height ? b : a));
}
