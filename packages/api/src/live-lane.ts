// A subscription's direct lane to its connection. tRPC's WebSocket adapter moves every event of every subscription
// through a chain of async iterators and promise races, then builds and serialises a frame, per socket: for one room
// event followed by a thousand sockets that is a thousand trips through that machinery (most of the cost of a
// delivery, measured in tooling/bench/chat-fanout.mjs). A transport that can do better offers a lane in the context:
// a subscription that claims it writes its live events to its own socket itself, in the transport's framing, at
// once, from the room hub's delivery loop. The subscription still runs inside tRPC (authorisation, input, back-fill,
// errors and its end go the usual way); only its steady stream of events takes the lane.

/** Writes one subscription's events to its connection, in the transport's framing. */
export interface LiveSink {
  /**
   * Sends `data` as the subscription's next event, tracked with `eventId`, at once, after everything sent before.
   * `data` should be a shared event (room-hub's `share`): its JSON is made once for every socket.
   */
  send(eventId: string, data: object): void;
}

/** The connection's lane, in the context of a request that can take it (the WebSocket transport); null otherwise. */
export interface LiveLane {
  /**
   * The sink of the subscription being started (to `path`, with input that `matches`), once: null when this call is
   * not one the lane can serve (then the subscription yields its events as usual). Call it before the subscription's
   * first `await`.
   */
  claim(path: string, matches: (input: unknown) => boolean): LiveSink | null;
}
