import type { UploadFile } from '../formContext.js';

let counter = 0;

/**
 * A stand-in for the host's upload port in stories: waits a moment (so the "正在上传…" state is
 * visible) and returns a made-up attachment id. The real port is the server's attachment API.
 */
export const storyUpload: UploadFile = async (file) => {
  await new Promise((resolve) => setTimeout(resolve, 600));
  counter += 1;
  console.info('storyUpload', file.name, file.type, file.size);
  return { id: `att_story${String(counter).padStart(6, '0')}` };
};

/** An upload port that always fails, to show the error state. */
export const failingUpload: UploadFile = async () => {
  await new Promise((resolve) => setTimeout(resolve, 400));
  throw new Error('network down');
};
