using FinSight.Dashboard.Live;
using Xunit;

namespace FinSight.Tests.Live;

public sealed class SubscriptionBagTests
{
    private sealed class Probe : IDisposable
    {
        public int Disposals { get; private set; }

        public void Dispose() => Disposals++;
    }

    [Fact]
    public void Add_AfterTheBagIsDisposed_DisposesTheSubscriptionAtOnce()
    {
        var bag = new SubscriptionBag();
        bag.Dispose();
        var late = new Probe();

        bag.Add(late);

        Assert.Equal(1, late.Disposals);
    }

    [Fact]
    public void Clear_DisposesHeldSubscriptionsOnceAndKeepsAccepting()
    {
        var bag = new SubscriptionBag();
        var first = new Probe();
        bag.Add(first);

        bag.Clear();
        var second = new Probe();
        bag.Add(second);
        bag.Dispose();

        Assert.Equal(1, first.Disposals);
        Assert.Equal(1, second.Disposals);
    }
}
