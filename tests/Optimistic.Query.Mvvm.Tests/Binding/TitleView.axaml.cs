using Avalonia.Controls;

namespace Optimistic.Query.Mvvm.Tests.Binding;

/// <summary>A view whose XAML is compiled at build time (XamlIl), with a compiled binding to <see cref="TitleViewModel"/>.</summary>
public partial class TitleView : UserControl
{
    public TitleView() => InitializeComponent();

    /// <summary>The bound text, as the user would read it.</summary>
    public string? ShownTitle => TitleText.Text;
}
