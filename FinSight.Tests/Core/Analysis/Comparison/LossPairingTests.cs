using FinSight.Core.Analysis.Comparison;
using Xunit;

namespace FinSight.Tests.Core.Analysis.Comparison;

public sealed class LossPairingTests
{
    [Theory]
    [InlineData("train_loss", "val_loss")]
    [InlineData("train/loss", "val/loss")]
    [InlineData("loss", "val_loss")]
    [InlineData("loss", "eval_loss")]
    [InlineData("loss/train", "loss/val")]
    [InlineData("training_loss", "validation_loss")]
    [InlineData("Train Loss", "Val Loss")]
    [InlineData("train-loss", "valid-loss")]
    public void Pair_CommonNamings_PairsTrainWithValidation(string train, string validation)
    {
        var pairs = LossPairing.Pair([validation, "accuracy", train, "lr"]);

        Assert.Equal([new LossPair(train, validation)], pairs);
    }

    [Fact]
    public void Pair_TrainAndBareLossBothPresent_PrefersTheTrainKey()
    {
        Assert.Equal([new LossPair("train_loss", "val_loss")], LossPairing.Pair(["loss", "train_loss", "val_loss"]));
    }

    [Fact]
    public void Pair_SeveralPairs_OrderedByValidationKey()
    {
        var pairs = LossPairing.Pair(["train/loss", "val/loss", "train/nll_loss", "val/nll_loss"]);

        Assert.Equal([new LossPair("train/loss", "val/loss"), new LossPair("train/nll_loss", "val/nll_loss")], pairs);
    }

    [Fact]
    public void Pair_CaseDiffers_MatchedIgnoringCase()
    {
        Assert.Equal([new LossPair("Train_Loss", "val_loss")], LossPairing.Pair(["Train_Loss", "val_loss"]));
    }

    [Theory]
    [InlineData("val_loss")]                      // nothing to pair with
    [InlineData("train_loss,test_loss")]          // test is not validation
    [InlineData("interval_loss,inter_loss")]       // "val" only as a whole word
    [InlineData("val_accuracy,train_accuracy")]    // not a loss
    [InlineData("system/val_loss,system/train_loss")]
    public void Pair_NoValidationLossWithATrainingCounterpart_NoPair(string keys)
    {
        Assert.Empty(LossPairing.Pair(keys.Split(',')));
    }

    [Fact]
    public void Pair_TwoValidationKeys_NeverPairedWithEachOther()
    {
        Assert.Empty(LossPairing.Pair(["val_loss", "eval_loss"]));
    }
}
