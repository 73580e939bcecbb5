import { ZipFile } from 'yazl';

/** A zip archive of the given entries (a mode of 0o120777 makes a symbolic link). */
export async function zipOf(entries: { name: string; content: Buffer | string; mode?: number }[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content), e.name, { mode: e.mode ?? 0o100644 });
  zip.end();
  const parts: Buffer[] = [];
  for await (const chunk of zip.outputStream) parts.push(chunk as Buffer);
  return Buffer.concat(parts);
}

/** Rewrites the uncompressed size that the central directory declares for every entry (a lying header). */
export function withDeclaredSize(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i !== -1; i = out.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) out.writeUInt32LE(size, i + 24);
  return out;
}

export const IMAGE_CONFIG = `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/><Label value="Road"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Car"/><Label value="Road"/></PolygonLabels>
</View>`;

export const NER_CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="LOC"/><Label value="ORG"/><Label value="MISC"/></Labels>
</View>`;

export const TEXT_CONFIG = `<View>
  <Text name="text" value="$text"/>
  <Choices name="sentiment" toName="text"><Choice value="positive"/><Choice value="negative"/></Choices>
</View>`;

/** A Label Studio 1.x JSON export of one image task, as its "Export → JSON" writes it. */
export function labelStudioExport(email: string): string {
  const region = (id: string, label: string) => ({
    original_width: 640, original_height: 480, image_rotation: 0,
    value: { x: 10, y: 20, width: 30, height: 40, rotation: 0, rectanglelabels: [label] },
    id, from_name: 'box', to_name: 'image', type: 'rectanglelabels', origin: 'manual',
  });
  return JSON.stringify([
    {
      id: 1,
      annotations: [{
        id: 1, completed_by: { id: 1, email, first_name: '', last_name: '' }, result: [region('abc', 'Car')], was_cancelled: false, ground_truth: false,
        created_at: '2024-03-01T10:00:00.000000Z', updated_at: '2024-03-01T10:00:00.000000Z', draft_created_at: null, lead_time: 12.5, prediction: {}, result_count: 0,
        unique_id: '7b1e', import_id: null, last_action: null, task: 1, project: 1, updated_by: 1, parent_prediction: null, parent_annotation: null, last_created_by: null,
      }, {
        id: 2, completed_by: 99, result: [region('def', 'Road')], was_cancelled: false, ground_truth: false, lead_time: 3, task: 1,
      }],
      file_upload: 'a1b2c3-street.png', drafts: [],
      predictions: [{ id: 3, model_version: 'yolo-v8', created_ago: '2 days', result: [region('p1', 'Car')], score: 0.87, cluster: null, neighbors: null, mislabeling: 0, task: 1 }],
      data: { image: '/data/upload/1/a1b2c3-street.png' }, meta: {}, created_at: '2024-03-01T09:00:00.000000Z', updated_at: '2024-03-01T10:00:00.000000Z',
      inner_id: 1, total_annotations: 2, cancelled_annotations: 0, total_predictions: 1, comment_count: 0, unresolved_comment_count: 0, last_comment_updated_at: null, project: 1, updated_by: 1, comment_authors: [],
    },
  ], null, 1);
}

/** COCO instances as CVAT's "COCO 1.0" export writes them. */
export const CVAT_COCO = JSON.stringify({
  licenses: [{ name: '', id: 0, url: '' }],
  info: { contributor: '', date_created: '', description: '', url: '', version: '', year: '' },
  categories: [{ id: 1, name: 'Car', supercategory: '' }, { id: 2, name: 'Road', supercategory: '' }],
  images: [{ id: 1, width: 640, height: 480, file_name: 'street.png', license: 0, flickr_url: '', coco_url: '', date_captured: 0 }],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, segmentation: [], area: 1200.0, bbox: [64.0, 48.0, 40.0, 30.0], iscrowd: 0, attributes: { occluded: false } },
    { id: 2, image_id: 1, category_id: 2, segmentation: [[0.0, 400.0, 640.0, 400.0, 640.0, 480.0, 0.0, 480.0]], area: 51200.0, bbox: [0.0, 400.0, 640.0, 80.0], iscrowd: 0, attributes: { occluded: false } },
  ],
});

/** A Pascal VOC file as labelImg writes it (tabs, a Windows path, 1-based pixel boxes). */
export const LABELIMG_VOC = `<annotation>
\t<folder>images</folder>
\t<filename>street.png</filename>
\t<path>C:\\Users\\me\\images\\street.png</path>
\t<source>
\t\t<database>Unknown</database>
\t</source>
\t<size>
\t\t<width>640</width>
\t\t<height>480</height>
\t\t<depth>3</depth>
\t</size>
\t<segmented>0</segmented>
\t<object>
\t\t<name>Car</name>
\t\t<pose>Unspecified</pose>
\t\t<truncated>0</truncated>
\t\t<difficult>0</difficult>
\t\t<bndbox>
\t\t\t<xmin>65</xmin>
\t\t\t<ymin>49</ymin>
\t\t\t<xmax>104</xmax>
\t\t\t<ymax>78</ymax>
\t\t</bndbox>
\t</object>
</annotation>
`;

/** The start of CoNLL-2003's eng.train: IOB1 tags (I- starts an entity), -DOCSTART- lines. */
export const CONLL_2003 = `-DOCSTART- -X- -X- O

EU NNP B-NP I-ORG
rejects VBZ B-VP O
German JJ B-NP I-MISC
call NN I-NP O
to TO B-VP O
boycott VB I-VP O
British JJ B-NP I-MISC
lamb NN I-NP O
. . O O

Peter NNP B-NP I-PER
Blackburn NNP I-NP I-PER

`;
