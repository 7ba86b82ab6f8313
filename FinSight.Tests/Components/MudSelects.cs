using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using Xunit;

namespace FinSight.Tests.Components;

/// <summary>Chooses an option of a MudSelect the way a user does: open it, click the item in the popover provider.</summary>
public static class MudSelects
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <param name="select">Any element of the select: its root (where its <c>Class</c> goes) or the input carrying its <c>id</c>.</param>
    public static void Choose(IRenderedComponent<MudPopoverProvider> popovers, IElement select, string option)
    {
        var root = select.Closest(".mud-select") ?? throw new InvalidOperationException($"Not inside a MudSelect: {select.OuterHtml}");
        root.MouseDown();
        // Only the open popover lists items; closed selects render none.
        popovers.WaitForAssertion(() => Assert.Contains(OpenItems(popovers), i => i.TextContent.Trim() == option), Patience);
        OpenItems(popovers).First(i => i.TextContent.Trim() == option).Click();
    }

    private static IEnumerable<IElement> OpenItems(IRenderedComponent<MudPopoverProvider> popovers) =>
        popovers.FindAll(".mud-popover-open .mud-list-item");
}
