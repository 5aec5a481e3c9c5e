// The photos bench:checkin enrols and sends as kiosk frames (../shared/faces); face-bench --set checkin reuses the probes.

/** person -> enrolment photos and probe photos (probes are never enrolled). */
export const CHECKIN_PEOPLE: readonly { enroll: string[]; probes: string[] }[] = [
  { enroll: ['deepface/img1.jpg', 'deepface/img2.jpg'], probes: ['deepface/img4.jpg', 'deepface/img5.jpg', 'deepface/img6.jpg', 'deepface/img7.jpg', 'deepface/img10.jpg'] },
  { enroll: ['deepface/img8.jpg', 'deepface/img9.jpg'], probes: ['deepface/img47.jpg', 'deepface/img48.jpg', 'deepface/img49.jpg', 'deepface/img50.jpg'] },
  { enroll: ['deepface/img29.jpg', 'deepface/img30.jpg'], probes: ['deepface/img31.jpg', 'deepface/img32.jpg', 'deepface/img33.jpg'] },
  { enroll: ['bbt/amy/amy1.png', 'bbt/amy/amy2.png'], probes: ['bbt/amy/amy3.png', 'bbt/amy/amy4.png', 'bbt/amy/amy5.png'] },
  { enroll: ['bbt/howard/howard1.png', 'bbt/howard/howard2.png'], probes: ['bbt/howard/howard3.png', 'bbt/howard/howard4.png', 'bbt/howard/howard5.png'] },
  { enroll: ['bbt/sheldon/sheldon1.png', 'bbt/sheldon/sheldon2.png'], probes: ['bbt/sheldon/sheldon3.png', 'bbt/sheldon/sheldon4.png', 'bbt/sheldon/sheldon5.png'] },
];

/** Never enrolled: sent now and then to exercise the unrecognised path. */
export const CHECKIN_STRANGERS: readonly string[] = ['bbt/stuart/stuart1.png', 'bbt/stuart/stuart2.png'];
