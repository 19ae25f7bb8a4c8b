/** A connected WeChat official account. `token` and `encodingAesKey` are sealed (encrypted) text. */
export interface WechatAccountRecord {
  id: string;
  name: string;
  appId: string;
  sealedToken: string;
  /** null: plaintext mode only. */
  sealedEncodingAesKey: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface WechatAccountStore {
  list(): Promise<WechatAccountRecord[]>;
  get(id: string): Promise<WechatAccountRecord | undefined>;
  /** false when the id or the AppID is taken. */
  create(account: Omit<WechatAccountRecord, 'createdAt' | 'updatedAt'>): Promise<boolean>;
  update(id: string, changes: Partial<Pick<WechatAccountRecord, 'name' | 'sealedToken' | 'sealedEncodingAesKey'>>): Promise<WechatAccountRecord | undefined>;
  delete(id: string): Promise<boolean>;
}
