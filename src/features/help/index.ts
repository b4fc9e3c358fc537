// 帮助: the commands a caller may use, or one command's usage (the list goes privately from a room).
export { help } from "./commands.js";
