/** An item of a service's `uploads/` (https://developers.arcgis.com/rest/services-reference/enterprise/item.htm). */
export interface UploadedItem {
  readonly itemId: string;
  readonly itemName: string;
  readonly description: string | null;
  /** Epoch ms, when the server gives it. */
  readonly date: number | null;
  readonly committed: boolean;
}
