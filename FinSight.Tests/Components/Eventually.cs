namespace FinSight.Tests.Components;

/// <summary>
/// Polls an assertion until it passes: for effects that reach JavaScript interop without a render
/// (Plotly extends), which bUnit's WaitForAssertion, woken only by renders, would not see.
/// </summary>
public static class Eventually
{
    public static async Task AssertAsync(Action assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }
    }
}
