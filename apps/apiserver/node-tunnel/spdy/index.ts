// SPDY/3.1 as kubectl's httpstream speaks it (moby/spdystream), server side: frames, header
// compression, and the session that accepts the client's streams on an upgraded socket.
export { SpdySession } from './spdy-session';
export { SpdyStream } from './spdy-stream';
export { headerValue } from './header-block';
export type { SpdyHeaders } from './header-block';
