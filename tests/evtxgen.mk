# tests fragment: filled by its module
