return await FinSight.Cli.SyncCommand.RunAsync(args, Console.Out, Console.Error);
