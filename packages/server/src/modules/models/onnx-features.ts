import { createRequire } from 'node:module';
import { loadSharp } from '../../lazy/load-sharp.js';
import type { InferenceSession as Session, Tensor as TensorType } from 'onnxruntime-node';
import { LaoshiError } from '../../errors.js';

// Image features from an ONNX model the user uploads (e.g. a CNN cut before its classifier): the
// image is resized to the model's input, scaled to [0, 1] in NCHW order, and the first output,
// flattened, is the feature vector. onnxruntime-node runs it on the CPU; nothing is downloaded.

type Ort = typeof import('onnxruntime-node');
let ort: Ort | undefined;
/** Loaded on first use: the native binding costs start-up time that most servers never need. */
function runtime(): Ort {
  ort ??= createRequire(import.meta.url)('onnxruntime-node') as Ort;
  return ort;
}

/** What Laoshi needs to know of a feature model's graph (kept as the model file's meta). */
export interface FeatureModelMeta {
  inputName: string;
  outputName: string;
  height: number;
  width: number;
  /** Length of the feature vector, when the graph says it (else learnt on first run). */
  featureSize: number | null;
}

const badModel = (why: string) => new LaoshiError(400, 'LAOSHI_BAD_FILE', `the ONNX model ${why}`, 'file');

/** Opens an ONNX model; 400 LAOSHI_BAD_FILE when the bytes are not one onnxruntime can load. */
export async function openFeatureModel(bytes: Uint8Array): Promise<Session> {
  try {
    return await runtime().InferenceSession.create(bytes, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
  } catch (err) {
    throw badModel(`cannot be loaded: ${err instanceof Error ? err.message.split('\n')[0]!.slice(0, 300) : 'unknown error'}`);
  }
}

/** Checks the graph takes one float image batch [N, 3, H, W] (H and W fixed) and gives a float output. */
export function describeFeatureModel(session: Session): FeatureModelMeta {
  const input = session.inputMetadata[0];
  const output = session.outputMetadata[0];
  if (!input || !output || !input.isTensor || !output.isTensor) throw badModel('needs a tensor input and a tensor output');
  if (session.inputNames.length !== 1) throw badModel(`must take one input (an image batch), not ${session.inputNames.length}`);
  if (input.type !== 'float32' || output.type !== 'float32') throw badModel('must take and give float32 tensors');
  const [, channels, height, width] = input.shape;
  if (input.shape.length !== 4 || channels !== 3 || typeof height !== 'number' || typeof width !== 'number' || height < 1 || width < 1 || height * width > 4096 * 4096) {
    throw badModel(`input must be [N, 3, H, W] with fixed H and W, got [${input.shape.join(', ')}]`);
  }
  const rest = output.shape.slice(1);
  const featureSize = rest.every((d) => typeof d === 'number') ? rest.reduce<number>((a, d) => a * (d as number), 1) : null;
  return { inputName: input.name, outputName: output.name, height, width, featureSize };
}

/** The model's input for one image: resized (stretched) to H×W, RGB, [0, 1], channels first. */
export async function imageTensor(image: Buffer, meta: FeatureModelMeta): Promise<TensorType> {
  const { height: H, width: W } = meta;
  let pixels: Buffer;
  try {
    pixels = await (await loadSharp())(image, { limitInputPixels: 100_000_000 }).rotate().removeAlpha().toColourspace('srgb').resize(W, H, { fit: 'fill' }).raw().toBuffer();
  } catch {
    throw new LaoshiError(400, 'LAOSHI_BAD_FILE', 'the image cannot be decoded', 'image');
  }
  const data = new Float32Array(3 * H * W);
  for (let i = 0; i < H * W; i++) for (let c = 0; c < 3; c++) data[c * H * W + i] = (pixels[i * 3 + c] as number) / 255;
  return new (runtime().Tensor)('float32', data, [1, 3, H, W]);
}

/** The feature vector of one image. */
export async function imageFeatures(session: Session, meta: FeatureModelMeta, image: Buffer): Promise<Float32Array> {
  const outputs = await session.run({ [meta.inputName]: await imageTensor(image, meta) });
  const out = outputs[meta.outputName];
  if (!out || !(out.data instanceof Float32Array)) throw badModel('gave no float32 output');
  return out.data;
}
