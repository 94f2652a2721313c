#pragma once

namespace mw {

/// Something the FrameClock prepares before it repaints it: the reduction
/// and the cached layer of a plot. prepareFrame() may run on a worker thread
/// (in parallel with other clients, never with the client's own GUI-thread
/// code): it may touch only the client's own state and immutable shared data.
class FrameClient
{
public:
    virtual ~FrameClient() = default;
    virtual void prepareFrame() = 0;
};

} // namespace mw
