export const materialTypes = ['qrcode', 'wechat_page', 'email', 'sms', 'web_page'] as const;
export type MaterialType = (typeof materialTypes)[number];

/** Content a customer meets (a QR code, a WeChat page, an email…): events on it carry its tags. */
export interface MaterialRecord {
  id: string;
  name: string;
  type: MaterialType;
  tags: string[];
  createdAt: number;
  updatedAt: number;
}

export interface MaterialStore {
  list(filter?: { type?: MaterialType }): Promise<MaterialRecord[]>;
  get(id: string): Promise<MaterialRecord | undefined>;
  /** false when the id is taken. */
  create(material: Pick<MaterialRecord, 'id' | 'name' | 'type' | 'tags'>): Promise<boolean>;
  /** The material after the change; undefined when there is none with this id. */
  update(id: string, changes: Partial<Pick<MaterialRecord, 'name' | 'type' | 'tags'>>): Promise<MaterialRecord | undefined>;
  delete(id: string): Promise<boolean>;
}
