using FinSight.Core.Storage;
using FinSight.Dashboard.Configuration;
using FinSight.Dashboard.Live;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace FinSight.Tests.Live;

public class LiveMetricsStoreTests
{
    private const string RunA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string RunB = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly FakeTimeProvider _time = new();

    private LiveMetricsStore Store(int capacity = 1000, int keep = 500) =>
        new(Options.Create(new LiveOptions { BufferCapacity = capacity, KeepOnOverflow = keep, NotifyInterval = Interval }), _time);

    private static List<MetricPoint> Points(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new MetricPoint(i, 1000L + i, i * 0.5)).ToList();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubscribeSeries_PointsAppended_Notified()
    {
        // Arrange
        var store = Store();
        var recorder = new CallbackRecorder();
        using var subscription = store.SubscribeSeries(RunA, "loss", recorder.Callback);

        // Act
        store.Append(RunA, "loss", Points(0, 3));

        // Assert
        Assert.True(await recorder.NextCallAsync(Ct), "subscriber was not notified of an append");
        Assert.Equal(Points(0, 3), store.ReadSince(RunA, "loss", 0).Points);
    }

    [Fact]
    public async Task SubscribeSeries_HundredAppendsWithinInterval_AtMostTwoCallbacks()
    {
        // Arrange
        var store = Store();
        var recorder = new CallbackRecorder();
        using var subscription = store.SubscribeSeries(RunA, "loss", recorder.Callback);

        // Act
        for (var i = 0; i < 100; i++) store.Append(RunA, "loss", Points(i, 1));
        Assert.True(await recorder.NextCallAsync(Ct), "first callback never came");
        _time.Advance(Interval);
        _time.Advance(Interval * 10);

        // Assert
        Assert.InRange(recorder.Count, 1, 2);
        Assert.Equal(100, store.ReadSince(RunA, "loss", 0).Total);
    }

    [Fact]
    public async Task SubscribeSeries_AppendsAfterFirstCallback_FoldIntoOneTrailingCallback()
    {
        // Arrange
        var store = Store();
        var recorder = new CallbackRecorder();
        using var subscription = store.SubscribeSeries(RunA, "loss", recorder.Callback);
        store.Append(RunA, "loss", Points(0, 1));
        Assert.True(await recorder.NextCallAsync(Ct));

        // Act
        for (var i = 1; i < 100; i++) store.Append(RunA, "loss", Points(i, 1));
        var beforeInterval = recorder.Count;
        _time.Advance(Interval);
        var afterInterval = recorder.Count;
        _time.Advance(Interval * 10);

        // Assert
        Assert.Equal(1, beforeInterval);
        Assert.Equal(2, afterInterval);
        Assert.Equal(2, recorder.Count);
    }

    [Fact]
    public async Task Dispose_TrailingCallbackPending_NoMoreCallbacks()
    {
        // Arrange
        var store = Store();
        var recorder = new CallbackRecorder();
        var subscription = store.SubscribeSeries(RunA, "loss", recorder.Callback);
        store.Append(RunA, "loss", Points(0, 1));
        Assert.True(await recorder.NextCallAsync(Ct));
        store.Append(RunA, "loss", Points(1, 1));

        // Act
        subscription.Dispose();
        _time.Advance(Interval * 4);
        store.Append(RunA, "loss", Points(2, 1));
        _time.Advance(Interval * 4);

        // Assert
        Assert.Equal(1, recorder.Count);
    }

    [Fact]
    public async Task Dispose_BeforeAnyAppend_NeverCalled()
    {
        // Arrange
        var store = Store();
        var disposed = new CallbackRecorder();
        var sentinel = new CallbackRecorder();
        store.SubscribeSeries(RunA, "loss", disposed.Callback).Dispose();
        using var live = store.SubscribeSeries(RunA, "loss", sentinel.Callback);

        // Act
        store.Append(RunA, "loss", Points(0, 1));
        Assert.True(await sentinel.NextCallAsync(Ct));
        await Task.Delay(100, Ct); // grace for a wrongly queued call to land
        _time.Advance(Interval * 4);

        // Assert
        Assert.Equal(0, disposed.Count);
    }

    [Fact]
    public void Dispose_Twice_IsHarmless()
    {
        // Arrange
        var store = Store();
        var subscription = store.SubscribeRun(RunA, () => Task.CompletedTask);
        subscription.Dispose();

        // Act
        var ex = Record.Exception(subscription.Dispose);

        // Assert
        Assert.Null(ex);
    }

    [Fact]
    public async Task SubscribeSeries_OtherSeriesAppended_NotNotified()
    {
        // Arrange
        var store = Store();
        var loss = new CallbackRecorder();
        var sentinel = new CallbackRecorder();
        using var lossSubscription = store.SubscribeSeries(RunA, "loss", loss.Callback);
        using var accSubscription = store.SubscribeSeries(RunA, "acc", sentinel.Callback);

        // Act
        store.Append(RunA, "acc", Points(0, 1));
        Assert.True(await sentinel.NextCallAsync(Ct));
        await Task.Delay(100, Ct);
        _time.Advance(Interval * 4);

        // Assert
        Assert.Equal(0, loss.Count);
    }

    [Fact]
    public void ReadSince_AfterAppends_ReturnsOnlyUnseenAndNewTotal()
    {
        // Arrange
        var store = Store();
        store.Append(RunA, "loss", Points(0, 3));
        var (first, seen) = store.ReadSince(RunA, "loss", 0);
        store.Append(RunA, "loss", Points(3, 2));

        // Act
        var (next, total) = store.ReadSince(RunA, "loss", seen);

        // Assert
        Assert.Equal(Points(0, 3), first);
        Assert.Equal(3, seen);
        Assert.Equal(Points(3, 2), next);
        Assert.Equal(5, total);
    }

    [Fact]
    public void ReadSince_NothingNew_EmptyWithSameTotal()
    {
        // Arrange
        var store = Store();
        store.Append(RunA, "loss", Points(0, 3));

        // Act
        var (points, total) = store.ReadSince(RunA, "loss", 3);

        // Assert
        Assert.Empty(points);
        Assert.Equal(3, total);
    }

    [Fact]
    public void ReadSince_UnknownSeries_EmptyAndZero()
    {
        // Arrange
        var store = Store();

        // Act
        var (points, total) = store.ReadSince(RunA, "never-logged", 0);

        // Assert
        Assert.Empty(points);
        Assert.Equal(0, total);
    }

    [Fact]
    public void Append_OverConfiguredCapacity_ReaderGetsNewestKept()
    {
        // Arrange
        var store = Store(capacity: 10, keep: 4);
        store.Append(RunA, "loss", Points(0, 10));

        // Act
        store.Append(RunA, "loss", Points(10, 1));
        var (points, total) = store.ReadSince(RunA, "loss", 2);

        // Assert
        Assert.Equal(Points(7, 4), points);
        Assert.Equal(11, total);
    }

    [Fact]
    public void Append_TwoRunsSameKey_KeptApart()
    {
        // Arrange
        var store = Store();

        // Act
        store.Append(RunA, "loss", Points(0, 2));
        store.Append(RunB, "loss", Points(100, 3));

        // Assert
        Assert.Equal(Points(0, 2), store.ReadSince(RunA, "loss", 0).Points);
        Assert.Equal(Points(100, 3), store.ReadSince(RunB, "loss", 0).Points);
    }

    [Fact]
    public void ForgetRun_DropsThatRunsBuffersOnly()
    {
        // Arrange
        var store = Store();
        store.Append(RunA, "loss", Points(0, 5));
        store.Append(RunA, "acc", Points(0, 5));
        store.Append(RunB, "loss", Points(0, 5));

        // Act
        store.ForgetRun(RunA);

        // Assert
        var (lossPoints, lossTotal) = store.ReadSince(RunA, "loss", 0);
        Assert.Empty(lossPoints);
        Assert.Equal(0, lossTotal);
        Assert.Empty(store.ReadSince(RunA, "acc", 0).Points);
        Assert.Equal(0, store.ReadSince(RunA, "acc", 0).Total);
        Assert.Equal(Points(0, 5), store.ReadSince(RunB, "loss", 0).Points);
    }

    [Fact]
    public async Task ForgetRun_RunSubscriber_Notified()
    {
        // Arrange
        var store = Store();
        var recorder = new CallbackRecorder();
        using var subscription = store.SubscribeRun(RunA, recorder.Callback);

        // Act
        store.ForgetRun(RunA);

        // Assert
        Assert.True(await recorder.NextCallAsync(Ct), "run subscriber not told the run was forgotten");
    }

    [Fact]
    public async Task SubscribeRun_AppendToThatRun_Notified()
    {
        // Arrange
        var store = Store();
        var recorder = new CallbackRecorder();
        using var subscription = store.SubscribeRun(RunA, recorder.Callback);

        // Act
        store.Append(RunA, "any/metric", Points(0, 1));

        // Assert
        Assert.True(await recorder.NextCallAsync(Ct));
    }

    [Fact]
    public async Task SubscribeRun_OtherRunChanged_NotNotified()
    {
        // Arrange
        var store = Store();
        var runA = new CallbackRecorder();
        var sentinel = new CallbackRecorder();
        using var aSubscription = store.SubscribeRun(RunA, runA.Callback);
        using var bSubscription = store.SubscribeRun(RunB, sentinel.Callback);

        // Act
        store.Append(RunB, "loss", Points(0, 1));
        store.NotifyRunChanged(RunB);
        Assert.True(await sentinel.NextCallAsync(Ct));
        await Task.Delay(100, Ct);
        _time.Advance(Interval * 4);

        // Assert
        Assert.Equal(0, runA.Count);
    }

    [Fact]
    public async Task SubscribeOverview_AnyRunAppendedOrChanged_Notified()
    {
        // Arrange
        var store = Store();
        var recorder = new CallbackRecorder();
        using var subscription = store.SubscribeOverview(recorder.Callback);

        // Act
        store.Append(RunA, "loss", Points(0, 1));
        Assert.True(await recorder.NextCallAsync(Ct), "overview not notified of run A's points");
        _time.Advance(Interval * 2);
        store.NotifyRunChanged(RunB);

        // Assert
        Assert.True(await recorder.NextCallAsync(Ct), "overview not notified of run B's change");
        Assert.Equal(2, recorder.Count);
    }
}
