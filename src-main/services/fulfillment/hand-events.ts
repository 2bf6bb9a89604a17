/**
 * Events a person records by hand get ids with this prefix: they are told apart from a carrier's (their
 * message is a note for colleagues, never quoted to the customer).
 */
export const HAND_EVENT_PREFIX = 'hand:';
export const HAND_EVENT_PREFIX_LIKE = `${HAND_EVENT_PREFIX}%`;
