/**
 * The camera at up to 1280x720, playing in `video`. null when the screen was left while the browser asked (the camera
 * is closed again at once); getUserMedia's refusal propagates for the caller to word.
 */
export async function openCamera(video: () => HTMLVideoElement | null, facingMode: 'user' | 'environment', stopped: () => boolean): Promise<MediaStream | null> {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode, width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
  if (stopped()) {
    stream.getTracks().forEach((tr) => tr.stop());
    return null;
  }
  const el = video();
  if (el) {
    el.srcObject = stream;
    await el.play().catch(() => undefined);
  }
  return stream;
}
