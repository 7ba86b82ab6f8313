using FinSight.Dashboard.Live;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FinSight.Tests.Live;

public class ThrottledCallbackTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Signal_FirstAfterQuiet_CallsBackWithoutClockMoving()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var recorder = new CallbackRecorder();
        using var throttle = new ThrottledCallback(recorder.Callback, Interval, new FakeTimeProvider());

        // Act
        throttle.Signal();

        // Assert
        Assert.True(await recorder.NextCallAsync(ct), "first signal was never called back");
        Assert.Equal(1, recorder.Count);
    }

    [Fact]
    public async Task Signal_ManyWithinInterval_OneTrailingCallAfterInterval()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var recorder = new CallbackRecorder();
        using var throttle = new ThrottledCallback(recorder.Callback, Interval, time);
        throttle.Signal();
        Assert.True(await recorder.NextCallAsync(ct));

        // Act
        for (var i = 0; i < 99; i++) throttle.Signal();
        var beforeInterval = recorder.Count;
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        var justBefore = recorder.Count;
        time.Advance(TimeSpan.FromMilliseconds(1));
        var atInterval = recorder.Count;
        time.Advance(Interval * 10);

        // Assert
        Assert.Equal(1, beforeInterval);
        Assert.Equal(1, justBefore);
        Assert.Equal(2, atInterval);
        Assert.Equal(2, recorder.Count);
    }

    [Fact]
    public async Task Signal_AfterQuietPeriod_CallsBackAtOnceAgain()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var recorder = new CallbackRecorder();
        using var throttle = new ThrottledCallback(recorder.Callback, Interval, time);
        throttle.Signal();
        Assert.True(await recorder.NextCallAsync(ct));
        time.Advance(Interval * 2);

        // Act
        throttle.Signal();

        // Assert
        Assert.True(await recorder.NextCallAsync(ct), "a signal after a quiet interval should not wait for the clock");
        Assert.Equal(2, recorder.Count);
    }

    [Fact]
    public async Task Dispose_TrailingCallPending_NeverCalled()
    {
        // Arrange
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider();
        var recorder = new CallbackRecorder();
        var throttle = new ThrottledCallback(recorder.Callback, Interval, time);
        throttle.Signal();
        Assert.True(await recorder.NextCallAsync(ct));
        throttle.Signal();

        // Act
        throttle.Dispose();
        time.Advance(Interval * 4);
        throttle.Signal();
        time.Advance(Interval * 4);

        // Assert
        Assert.Equal(1, recorder.Count);
    }
}
