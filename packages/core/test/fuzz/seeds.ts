// Valid files, one or two per format, written the way the tools that make them write them. The
// fuzz suites break these (see mutations.ts).

export const COCO_SEEDS = [
  JSON.stringify({
    info: { description: 'CVAT export' },
    images: [{ id: 1, file_name: 'street.jpg', width: 640, height: 480 }, { id: 2, file_name: 'dir/b.png', width: 4, height: 4 }],
    categories: [{ id: 1, name: 'car', supercategory: '' }, { id: 2, name: 'road' }],
    annotations: [
      { id: 1, image_id: 1, category_id: 1, bbox: [10, 20, 100, 50], area: 5000, iscrowd: 0, segmentation: [] },
      { id: 2, image_id: 1, category_id: 2, bbox: [0, 0, 10, 10], iscrowd: 0, segmentation: [[0, 0, 10, 0, 10, 10, 0, 10]] },
      { id: 3, image_id: 2, category_id: 1, bbox: [0, 0, 2, 2], iscrowd: 1, segmentation: { size: [4, 4], counts: [0, 2, 2, 2, 10] } },
      { id: 4, image_id: 2, category_id: 2, bbox: [0, 0, 4, 4], iscrowd: 1, segmentation: { size: [4, 4], counts: [4, 12] }, score: 0.9 },
    ],
  }, null, 1),
];

export const VOC_SEEDS = [
  `<?xml version="1.0" encoding="utf-8"?>
<annotation>
\t<folder>images</folder>
\t<filename>street.png</filename>
\t<path>C:\\Users\\me\\images\\street.png</path>
\t<source><database>Unknown</database></source>
\t<size><width>640</width><height>480</height><depth>3</depth></size>
\t<segmented>0</segmented>
\t<object>
\t\t<name>Car &amp; van</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>
\t\t<bndbox><xmin>65</xmin><ymin>49</ymin><xmax>301.5</xmax><ymax>200</ymax></bndbox>
\t</object>
\t<object>
\t\t<name>Road</name>
\t\t<bndbox><xmin>0</xmin><ymin>300</ymin><xmax>640</xmax><ymax>480</ymax></bndbox>
\t</object>
\t<!-- labelImg -->
</annotation>
`,
];

export const YOLO_LABEL_SEEDS = ['0 0.5 0.5 0.25 0.5\r\n\r\n1 0.1 0.2 0.2 0.4\r\n', '2 0 0 0.5 0 0.5 0.25\n0 0.5 0.5 0.2 0.2 0.87\n'];
export const YOLO_CLASSES_SEEDS = ['cat\ndog\nroad\n', '\ufeffperson\r\nbicycle\r\n'];
export const YOLO_YAML_SEEDS = [
  "path: ../datasets/coco8\ntrain: images/train\nval: images/val\nnc: 3\nnames: ['cat', \"dog\", road]\n",
  'names:\n  0: person\n  1: bicycle # two wheels\n  2: "traffic light"\n',
  'names:\n  - cat\n  - dog\n',
];

export const CONLL_SEEDS = [
  `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER
`,
  'John\tB-PER\nSmith\tI-PER\nvisited\tO\nParis\tB-LOC\n\n',
];

const labelStudioTask = {
  id: 1,
  data: { image: '/data/upload/1/street.png', text: '中文 text' },
  annotations: [{ id: 1, completed_by: 3, result: [{ id: 'abc', from_name: 'box', to_name: 'image', type: 'rectanglelabels', original_width: 640, original_height: 480, value: { x: 10, y: 20, width: 30, height: 40, rotation: 0, rectanglelabels: ['Car'] } }], lead_time: 12.5 }],
  predictions: [{ model_version: 'v1', score: 0.5, result: [] }],
  meta: { source: 'import' },
};

export const JSONL_SEEDS = [
  [JSON.stringify(labelStudioTask), '{"text":"bare data \\u4e2d"}', '{"data":{"text":"third"}}'].join('\n'),
  '\ufeff{"data":{"text":"a"}}\r\n{"data":{"text":"b"}}\r\n',
];

export const JSON_ARRAY_SEEDS = [JSON.stringify([labelStudioTask, { data: { text: 'x' } }], null, 2), '[{"text":"a"},{"text":"b"}]'];

/** Label Studio configs from its template gallery (object detection, NER with relations, classification, video, ranking). */
export const CONFIG_SEEDS = [
  `<View>
  <Image name="image" value="$image" zoom="true"/>
  <RectangleLabels name="label" toName="image" strokeWidth="3"><Label value="Car" background="green" hotkey="1"/><Label value="Road"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Lane"/></PolygonLabels>
  <KeyPointLabels name="kp" toName="image"><Label value="Nose"/></KeyPointLabels>
</View>`,
  `<View>
  <Relations><Relation value="works for"/></Relations>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Text name="text" value="$text" granularity="word"/>
  <Header value="Rate it"/>
  <Choices name="sentiment" toName="text" choice="single" showInline="true"><Choice value="positive"/><Choice value="negative"/></Choices>
  <Rating name="rating" toName="text" maxRating="5"/>
  <TextArea name="note" toName="text" rows="3"/>
</View>`,
  `<View>
  <Video name="video" value="$video"/>
  <VideoRectangle name="box" toName="video"/>
  <Labels name="videoLabels" toName="video"><Label value="Person"/></Labels>
</View>`,
  `<View>
  <Text name="a" value="$a"/><Text name="b" value="$b"/>
  <Pairwise name="pw" toName="a,b"/>
</View>`,
];

/** The same configs as Laoshi's JSON (what the API returns). */
export const JSON_CONFIG_SEEDS = [
  JSON.stringify({ objects: [{ name: 'image', type: 'image', value: '$image' }], controls: [{ name: 'label', type: 'rectanglelabels', toName: ['image'], labels: [{ value: 'Car' }, { value: 'Road' }] }] }),
  JSON.stringify({ objects: [{ name: 'text', type: 'text', value: '$text' }], controls: [{ name: 'c', type: 'choices', toName: ['text'], choices: [{ value: 'a' }, { value: 'b' }] }, { name: 'ner', type: 'labels', toName: ['text'], labels: [{ value: 'PER' }] }] }),
];
