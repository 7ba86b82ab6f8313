namespace FinSight.Dashboard.Live;

/// <summary>
/// A component's live subscriptions. A component can be disposed while it awaits a database read and only
/// then subscribe; a bag that is already disposed disposes what it is given at once, so nothing leaks
/// into the singleton store.
/// </summary>
public sealed class SubscriptionBag : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<IDisposable> _items = [];
    private bool _disposed;

    public void Add(IDisposable subscription)
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _items.Add(subscription);
                return;
            }
        }
        subscription.Dispose();
    }

    /// <summary>Disposes what the bag holds and keeps accepting new ones (a page switching to another run).</summary>
    public void Clear()
    {
        IDisposable[] items;
        lock (_lock)
        {
            items = [.. _items];
            _items.Clear();
        }
        foreach (var item in items) item.Dispose();
    }

    public void Dispose()
    {
        lock (_lock) _disposed = true;
        Clear();
    }
}
