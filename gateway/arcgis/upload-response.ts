import type { UploadedItem } from '../../core/files/uploaded-item.js';
import { childAt, invalid, isObject, rootAt } from './validate/json-reader.js';

/** `uploads/upload` answers `{success, item: {itemID, itemName, description, date, committed}}` (.../upload.htm). */
export function readUploadResponse(json: unknown, url: string): UploadedItem {
  const at = rootAt(url, 'upload result');
  if (!isObject(json)) throw invalid(at, 'an object', json);
  if (json.success !== true) throw invalid(childAt(at, 'success'), 'true', json.success);
  const item = json.item;
  const itemAt = childAt(at, 'item');
  if (!isObject(item)) throw invalid(itemAt, 'an object', item);
  if (typeof item.itemID !== 'string' || !/^[\w.-]+$/.test(item.itemID))
    throw invalid(childAt(itemAt, 'itemID'), 'an item id', item.itemID);
  return {
    itemId: item.itemID,
    itemName: typeof item.itemName === 'string' ? item.itemName : '',
    description: typeof item.description === 'string' ? item.description : null,
    date: typeof item.date === 'number' ? item.date : null,
    committed: item.committed !== false,
  };
}
