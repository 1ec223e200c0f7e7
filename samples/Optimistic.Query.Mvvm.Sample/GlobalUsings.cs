global using Optimistic.Query;
