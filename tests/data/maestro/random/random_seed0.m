// 200 random layers (seed 0; 1360 drawn, the rest crash MAESTRO at some point)
// written by experiments/maestro_reference/run_maestro.py --random 200 --seed 0
Network random_seed0 {
  Layer L8 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 3, K: 3, C: 100, R: 7, S: 7, Y: 30, X: 7 }
    Dataflow {
      SpatialMap(1,2) Y';
      TemporalMap(3,3) N;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) X';
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) K;
      TemporalMap(1,1) C;
    }
  }
  Layer L19 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 32, K: 96, C: 3, R: 7, S: 7, Y: 16, X: 12 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) X;
      SpatialMap(3,1) Y;
      TemporalMap(64,64) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(7,7) G;
    }
  }
  Layer L34 {
    Type: GEMM
    Dimensions { M: 161, N: 66, K: 142 }
    Dataflow {
      SpatialMap(4,3) N;
      TemporalMap(1,1) M;
      TemporalMap(1,1) K;
      Cluster(5,P);
      TemporalMap(1,1) M;
      SpatialMap(8,8) N;
      SpatialMap(16,16) K;
    }
  }
  Layer L35 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 20, R: 1, S: 1, Y: 21, X: 4 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) X;
      SpatialMap(8,8) C;
      TemporalMap(3,3) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L47 {
    Type: GEMM
    Dimensions { M: 136, N: 264, K: 207 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(1,1) N;
      TemporalMap(4,4) M;
    }
  }
  Layer L60 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 2, C: 93, R: 1, S: 3, Y: 4, X: 7 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(4,4) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(5,5) X;
      TemporalMap(16,11) C;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(2,2) Y;
    }
  }
  Layer L61 {
    Type: GEMM
    Dimensions { M: 72, N: 1, K: 44 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(3,3) M;
      TemporalMap(1,1) K;
    }
  }
  Layer L72 {
    Type: GEMM
    Dimensions { M: 122, N: 141, K: 264 }
    Dataflow {
      SpatialMap(52,52) M;
      TemporalMap(4,4) K;
      TemporalMap(1,1) N;
    }
  }
  Layer L84 {
    Type: GEMM
    Dimensions { M: 280, N: 161, K: 97 }
    Dataflow {
      SpatialMap(16,16) N;
      TemporalMap(1,1) M;
      TemporalMap(64,64) K;
    }
  }
  Layer L86 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 16, R: 7, S: 7, Y: 8, X: 30 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) C;
      TemporalMap(Sz(S),1) X;
      SpatialMap(4,4) R;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L95 {
    Type: GEMM
    Dimensions { M: 155, N: 41, K: 49 }
    Dataflow {
      SpatialMap(32,32) M;
      SpatialMap(16,16) N;
      TemporalMap(64,64) K;
      Cluster(8,P);
      SpatialMap(38,38) M;
      Cluster(8,P);
      SpatialMap(1,1) K;
      TemporalMap(64,50) M;
      SpatialMap(8,2) N;
    }
  }
  Layer L96 {
    Type: GEMM
    Dimensions { M: 13, N: 104, K: 279 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(64,64) M;
      TemporalMap(32,32) N;
      Cluster(8,P);
      TemporalMap(8,8) M;
      SpatialMap(4,4) N;
      SpatialMap(2,2) K;
      Cluster(8,P);
      SpatialMap(3,3) N;
      TemporalMap(1,1) M;
      TemporalMap(16,16) K;
    }
  }
  Layer L101 {
    Type: GEMM
    Dimensions { M: 38, N: 286, K: 207 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(32,32) M;
      TemporalMap(4,4) N;
      Cluster(8,P);
      SpatialMap(1,1) N;
      TemporalMap(4,4) M;
      Cluster(2,P);
      TemporalMap(1,1) N;
      TemporalMap(32,32) K;
      SpatialMap(4,1) M;
    }
  }
  Layer L127 {
    Type: GEMM
    Dimensions { M: 241, N: 166, K: 291 }
    Dataflow {
      TemporalMap(2,2) N;
      SpatialMap(8,8) K;
      TemporalMap(64,64) M;
    }
  }
  Layer L128 {
    Type: GEMM
    Dimensions { M: 41, N: 156, K: 197 }
    Dataflow {
      TemporalMap(3,3) N;
      TemporalMap(1,1) K;
      SpatialMap(19,19) M;
    }
  }
  Layer L145 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 1, C: 3, R: 7, S: 7, Y: 54, X: 14 }
    Dataflow {
      TemporalMap(3,1) X';
      TemporalMap(1,1) K;
      SpatialMap(1,1) Y;
      TemporalMap(8,8) N;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) C;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L149 {
    Type: GEMM
    Dimensions { M: 268, N: 186, K: 241 }
    Dataflow {
      SpatialMap(32,32) N;
      TemporalMap(2,2) M;
      TemporalMap(64,64) K;
      Cluster(4,P);
      SpatialMap(1,1) K;
      TemporalMap(4,4) M;
      TemporalMap(32,32) N;
    }
  }
  Layer L164 {
    Type: GEMM
    Dimensions { M: 162, N: 70, K: 274 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(16,16) K;
      SpatialMap(64,64) N;
      Cluster(2,P);
      TemporalMap(2,2) M;
      TemporalMap(32,32) K;
      SpatialMap(4,4) N;
    }
  }
  Layer L167 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 64, C: 3, R: 1, S: 1, Y: 48, X: 51 }
    Dataflow {
      SpatialMap(32,32) C;
      TemporalMap(1,1) G;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L181 {
    Type: GEMM
    Dimensions { M: 253, N: 47, K: 13 }
    Dataflow {
      TemporalMap(8,8) M;
      TemporalMap(8,8) N;
      SpatialMap(16,16) K;
    }
  }
  Layer L183 {
    Type: GEMM
    Dimensions { M: 146, N: 232, K: 148 }
    Dataflow {
      SpatialMap(4,4) K;
      SpatialMap(8,4) M;
      TemporalMap(4,4) N;
      Cluster(2,P);
      TemporalMap(8,8) M;
      TemporalMap(4,4) K;
      SpatialMap(32,32) N;
      Cluster(8,P);
      TemporalMap(1,1) K;
      SpatialMap(56,56) N;
    }
  }
  Layer L191 {
    Type: GEMM
    Dimensions { M: 266, N: 125, K: 224 }
    Dataflow {
      TemporalMap(196,196) M;
      TemporalMap(1,1) K;
      SpatialMap(32,32) N;
    }
  }
  Layer L212 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 1, C: 8, R: 3, S: 3, Y: 13, X: 10 }
    Dataflow {
      TemporalMap(3,3) N;
      TemporalMap(16,16) K;
      TemporalMap(Sz(S),1) X;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L230 {
    Type: GEMM
    Dimensions { M: 82, N: 250, K: 231 }
    Dataflow {
      TemporalMap(3,3) N;
      TemporalMap(16,16) K;
      SpatialMap(3,3) M;
      Cluster(14,P);
      SpatialMap(8,8) M;
      TemporalMap(32,32) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L231 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 3, K: 32, C: 1, R: 1, S: 1, Y: 9, X: 10 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) X;
      TemporalMap(2,2) K;
      TemporalMap(8,8) C;
      SpatialMap(2,2) Y';
      TemporalMap(8,8) N;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L232 {
    Type: GEMM
    Dimensions { M: 16, N: 185, K: 290 }
    Dataflow {
      TemporalMap(152,152) N;
      SpatialMap(2,2) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L234 {
    Type: GEMM
    Dimensions { M: 34, N: 223, K: 253 }
    Dataflow {
      TemporalMap(16,16) M;
      SpatialMap(16,16) K;
      TemporalMap(4,4) N;
      Cluster(8,P);
      SpatialMap(4,4) M;
      TemporalMap(16,16) K;
      TemporalMap(1,1) N;
      Cluster(2,P);
      SpatialMap(4,4) K;
      TemporalMap(1,1) M;
      TemporalMap(16,16) N;
    }
  }
  Layer L238 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 32, R: 5, S: 3, Y: 5, X: 4 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(32,32) X;
      TemporalMap(3,3) S;
      TemporalMap(8,8) K;
      TemporalMap(1,1) C;
      TemporalMap(2,2) Y';
    }
  }
  Layer L247 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 2, C: 16, R: 1, S: 1, Y: 6, X: 3 }
    Dataflow {
      TemporalMap(3,3) K;
      SpatialMap(1,2) Y';
      TemporalMap(1,1) C;
      TemporalMap(16,16) G;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L250 {
    Type: GEMM
    Dimensions { M: 64, N: 300, K: 172 }
    Dataflow {
      TemporalMap(1,1) N;
      SpatialMap(2,2) M;
      TemporalMap(2,2) K;
    }
  }
  Layer L259 {
    Type: GEMM
    Dimensions { M: 193, N: 25, K: 16 }
    Dataflow {
      TemporalMap(64,64) N;
      SpatialMap(1,1) K;
      SpatialMap(3,3) M;
      Cluster(4,P);
      SpatialMap(3,3) N;
      TemporalMap(2,2) K;
      TemporalMap(4,4) M;
    }
  }
  Layer L267 {
    Type: GEMM
    Dimensions { M: 157, N: 114, K: 65 }
    Dataflow {
      SpatialMap(16,16) M;
      TemporalMap(1,1) K;
      TemporalMap(64,64) N;
    }
  }
  Layer L269 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 16, C: 8, R: 3, S: 5, Y: 10, X: 5 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) C;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(64,64) G;
      TemporalMap(1,1) K;
      TemporalMap(2,2) X;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L277 {
    Type: GEMM
    Dimensions { M: 9, N: 245, K: 296 }
    Dataflow {
      SpatialMap(64,64) K;
      TemporalMap(16,16) M;
      TemporalMap(2,2) N;
    }
  }
  Layer L285 {
    Type: GEMM
    Dimensions { M: 123, N: 208, K: 266 }
    Dataflow {
      TemporalMap(64,64) N;
      TemporalMap(8,8) M;
      SpatialMap(2,2) K;
      Cluster(2,P);
      SpatialMap(4,4) M;
      TemporalMap(2,2) N;
    }
  }
  Layer L287 {
    Type: GEMM
    Dimensions { M: 261, N: 178, K: 98 }
    Dataflow {
      TemporalMap(8,4) M;
      SpatialMap(32,32) K;
      TemporalMap(64,64) N;
      Cluster(5,P);
      SpatialMap(3,3) K;
      TemporalMap(8,8) N;
      TemporalMap(32,32) M;
    }
  }
  Layer L311 {
    Type: GEMM
    Dimensions { M: 57, N: 287, K: 98 }
    Dataflow {
      SpatialMap(2,2) K;
      TemporalMap(4,4) N;
      TemporalMap(3,3) M;
      Cluster(2,P);
      TemporalMap(2,2) M;
      SpatialMap(2,2) N;
      TemporalMap(88,45) K;
      Cluster(8,P);
      TemporalMap(8,8) K;
      SpatialMap(2,2) M;
      SpatialMap(16,16) N;
    }
  }
  Layer L316 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 1, C: 32, R: 1, S: 1, Y: 14, X: 3 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) C;
      SpatialMap(Sz(S),1) X;
      TemporalMap(16,16) N;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) K;
    }
  }
  Layer L323 {
    Type: GEMM
    Dimensions { M: 234, N: 232, K: 192 }
    Dataflow {
      TemporalMap(32,32) N;
      SpatialMap(64,64) M;
      TemporalMap(16,16) K;
      Cluster(8,P);
      TemporalMap(199,93) N;
      SpatialMap(64,64) M;
      TemporalMap(16,16) K;
    }
  }
  Layer L328 {
    Type: GEMM
    Dimensions { M: 75, N: 255, K: 223 }
    Dataflow {
      TemporalMap(71,71) N;
      SpatialMap(32,10) M;
      TemporalMap(16,3) K;
    }
  }
  Layer L335 {
    Type: GEMM
    Dimensions { M: 186, N: 225, K: 197 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(64,64) K;
      TemporalMap(32,32) M;
    }
  }
  Layer L339 {
    Type: GEMM
    Dimensions { M: 259, N: 285, K: 24 }
    Dataflow {
      SpatialMap(4,2) N;
      TemporalMap(16,16) M;
      TemporalMap(22,22) K;
      Cluster(8,P);
      TemporalMap(8,8) K;
      SpatialMap(32,32) N;
    }
  }
  Layer L342 {
    Type: GEMM
    Dimensions { M: 185, N: 133, K: 206 }
    Dataflow {
      SpatialMap(2,2) M;
      TemporalMap(4,4) N;
      TemporalMap(8,3) K;
      Cluster(8,P);
      TemporalMap(1,1) K;
      TemporalMap(1,1) N;
      SpatialMap(1,1) M;
      Cluster(2,P);
      TemporalMap(1,1) M;
      SpatialMap(1,1) N;
    }
  }
  Layer L344 {
    Type: GEMM
    Dimensions { M: 197, N: 21, K: 115 }
    Dataflow {
      SpatialMap(64,64) K;
      TemporalMap(4,4) M;
      TemporalMap(1,1) N;
    }
  }
  Layer L348 {
    Type: GEMM
    Dimensions { M: 274, N: 91, K: 35 }
    Dataflow {
      SpatialMap(96,96) M;
      SpatialMap(64,35) K;
      TemporalMap(8,8) N;
      Cluster(8,P);
      TemporalMap(4,4) M;
      TemporalMap(64,64) N;
      SpatialMap(4,4) K;
    }
  }
  Layer L366 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 1, C: 92, R: 7, S: 7, Y: 9, X: 7 }
    Dataflow {
      TemporalMap(4,4) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) N;
      TemporalMap(Sz(S),1) X;
      SpatialMap(2,2) K;
      TemporalMap(32,21) C;
    }
  }
  Layer L367 {
    Type: GEMM
    Dimensions { M: 174, N: 90, K: 203 }
    Dataflow {
      TemporalMap(1,1) K;
      SpatialMap(1,1) M;
      TemporalMap(2,2) N;
      Cluster(10,P);
      TemporalMap(4,4) N;
      TemporalMap(3,3) M;
      SpatialMap(2,2) K;
    }
  }
  Layer L374 {
    Type: GEMM
    Dimensions { M: 272, N: 214, K: 14 }
    Dataflow {
      TemporalMap(2,2) N;
      SpatialMap(16,16) M;
      TemporalMap(2,2) K;
      Cluster(16,P);
      SpatialMap(1,1) M;
      TemporalMap(8,8) K;
      Cluster(4,P);
      SpatialMap(32,32) N;
      TemporalMap(1,1) K;
    }
  }
  Layer L375 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 1, C: 1, R: 1, S: 1, Y: 9, X: 5 }
    Dataflow {
      TemporalMap(64,64) N;
      SpatialMap(4,1) Y';
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(16,16) C;
      TemporalMap(8,1) X';
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) K;
    }
  }
  Layer L378 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 3, C: 183, R: 3, S: 3, Y: 9, X: 61 }
    Dataflow {
      TemporalMap(4,4) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) Y';
      SpatialMap(Sz(S),1) X;
      TemporalMap(32,32) G;
      TemporalMap(1,1) K;
    }
  }
  Layer L383 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 2, K: 96, C: 16, R: 1, S: 1, Y: 27, X: 40 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) N;
      SpatialMap(4,1) Y';
      TemporalMap(16,16) X;
      TemporalMap(8,8) K;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) C;
      Cluster(16,P);
      TemporalMap(1,1) K;
      TemporalMap(1,1) C;
      SpatialMap(8,4) Y';
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) N;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L387 {
    Type: GEMM
    Dimensions { M: 134, N: 60, K: 56 }
    Dataflow {
      TemporalMap(1,1) N;
      SpatialMap(8,8) M;
      TemporalMap(2,2) K;
    }
  }
  Layer L405 {
    Type: GEMM
    Dimensions { M: 164, N: 78, K: 177 }
    Dataflow {
      TemporalMap(3,3) K;
      TemporalMap(3,3) M;
      SpatialMap(16,16) N;
    }
  }
  Layer L409 {
    Type: GEMM
    Dimensions { M: 283, N: 135, K: 172 }
    Dataflow {
      SpatialMap(3,1) N;
      TemporalMap(2,2) K;
      TemporalMap(2,2) M;
    }
  }
  Layer L413 {
    Type: GEMM
    Dimensions { M: 275, N: 283, K: 119 }
    Dataflow {
      TemporalMap(2,2) K;
      TemporalMap(3,3) M;
      SpatialMap(3,3) N;
    }
  }
  Layer L416 {
    Type: GEMM
    Dimensions { M: 276, N: 265, K: 261 }
    Dataflow {
      TemporalMap(3,3) N;
      TemporalMap(1,1) K;
      SpatialMap(3,3) M;
      Cluster(8,P);
      TemporalMap(16,15) K;
      SpatialMap(4,4) N;
    }
  }
  Layer L429 {
    Type: GEMM
    Dimensions { M: 25, N: 222, K: 64 }
    Dataflow {
      TemporalMap(3,3) M;
      SpatialMap(2,2) N;
      TemporalMap(2,2) K;
      Cluster(8,P);
      TemporalMap(2,2) N;
      TemporalMap(1,1) K;
      SpatialMap(16,16) M;
      Cluster(4,P);
      SpatialMap(4,4) N;
      TemporalMap(64,64) K;
    }
  }
  Layer L435 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 1, S: 1, Y: 13, X: 7 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,10) C;
      TemporalMap(32,32) K;
      TemporalMap(1,1) S;
      TemporalMap(2,2) X';
      SpatialMap(1,1) Y';
    }
  }
  Layer L438 {
    Type: GEMM
    Dimensions { M: 5, N: 219, K: 152 }
    Dataflow {
      TemporalMap(64,64) K;
      SpatialMap(2,2) M;
      TemporalMap(4,4) N;
      Cluster(16,P);
      TemporalMap(16,6) M;
      TemporalMap(16,16) N;
      SpatialMap(2,2) K;
    }
  }
  Layer L460 {
    Type: GEMM
    Dimensions { M: 58, N: 50, K: 15 }
    Dataflow {
      TemporalMap(3,3) N;
      SpatialMap(64,64) K;
      SpatialMap(1,1) M;
      Cluster(4,P);
      TemporalMap(32,32) K;
      TemporalMap(32,32) N;
      SpatialMap(4,4) M;
      Cluster(9,P);
      TemporalMap(32,32) M;
      SpatialMap(1,1) N;
      TemporalMap(8,8) K;
    }
  }
  Layer L465 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 1, C: 3, R: 7, S: 1, Y: 32, X: 5 }
    Dataflow {
      TemporalMap(1,1) G;
      TemporalMap(32,5) K;
      TemporalMap(8,2) Y';
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(64,64) C;
    }
  }
  Layer L466 {
    Type: GEMM
    Dimensions { M: 156, N: 291, K: 72 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(8,8) K;
      SpatialMap(64,64) N;
      Cluster(16,P);
      TemporalMap(253,253) N;
      SpatialMap(1,1) K;
    }
  }
  Layer L478 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 4, K: 31, C: 32, R: 3, S: 3, Y: 5, X: 15 }
    Dataflow {
      TemporalMap(4,4) G;
      TemporalMap(4,4) Y';
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(2,2) C;
      Cluster(6,P);
      TemporalMap(11,11) C;
      SpatialMap(1,1) K;
      TemporalMap(2,2) Y';
      TemporalMap(16,16) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L486 {
    Type: GEMM
    Dimensions { M: 104, N: 74, K: 29 }
    Dataflow {
      TemporalMap(4,4) K;
      SpatialMap(32,8) N;
      TemporalMap(32,32) M;
      Cluster(4,P);
      TemporalMap(59,59) N;
      SpatialMap(32,32) K;
      TemporalMap(16,16) M;
    }
  }
  Layer L492 {
    Type: GEMM
    Dimensions { M: 52, N: 260, K: 119 }
    Dataflow {
      SpatialMap(64,64) M;
      TemporalMap(1,1) N;
      TemporalMap(64,43) K;
    }
  }
  Layer L493 {
    Type: GEMM
    Dimensions { M: 216, N: 81, K: 297 }
    Dataflow {
      SpatialMap(3,3) N;
      SpatialMap(64,64) K;
      TemporalMap(8,8) M;
      Cluster(16,P);
      TemporalMap(64,2) K;
      SpatialMap(8,8) M;
      TemporalMap(16,13) N;
      Cluster(2,P);
      SpatialMap(3,3) K;
      TemporalMap(32,32) M;
    }
  }
  Layer L499 {
    Type: GEMM
    Dimensions { M: 9, N: 16, K: 9 }
    Dataflow {
      SpatialMap(16,16) M;
      TemporalMap(1,1) K;
      TemporalMap(32,32) N;
    }
  }
  Layer L500 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 32, K: 39, C: 32, R: 5, S: 5, Y: 21, X: 12 }
    Dataflow {
      TemporalMap(4,2) C;
      TemporalMap(12,12) G;
      TemporalMap(4,1) Y';
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(32,32) X;
      TemporalMap(8,8) K;
      Cluster(7,P);
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) K;
      TemporalMap(8,8) C;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(Sz(R),1) Y;
      Cluster(4,P);
      TemporalMap(6,6) C;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) G;
      TemporalMap(3,3) X;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L502 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 32, K: 32, C: 3, R: 1, S: 1, Y: 1, X: 5 }
    Dataflow {
      SpatialMap(2,1) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) G;
      TemporalMap(4,4) K;
      TemporalMap(3,3) C;
      TemporalMap(2,1) Y';
      TemporalMap(1,1) R;
      Cluster(4,P);
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(8,1) Y';
      TemporalMap(2,4) X';
      TemporalMap(3,3) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) C;
    }
  }
  Layer L526 {
    Type: GEMM
    Dimensions { M: 283, N: 134, K: 225 }
    Dataflow {
      TemporalMap(2,2) K;
      SpatialMap(2,1) N;
      TemporalMap(64,64) M;
    }
  }
  Layer L532 {
    Type: GEMM
    Dimensions { M: 83, N: 278, K: 50 }
    Dataflow {
      TemporalMap(3,3) M;
      TemporalMap(2,2) K;
      SpatialMap(3,3) N;
      Cluster(2,P);
      TemporalMap(16,16) K;
      SpatialMap(3,3) M;
      TemporalMap(32,32) N;
    }
  }
  Layer L543 {
    Type: GEMM
    Dimensions { M: 80, N: 6, K: 270 }
    Dataflow {
      TemporalMap(32,32) N;
      TemporalMap(8,8) M;
      SpatialMap(2,2) K;
    }
  }
  Layer L545 {
    Type: GEMM
    Dimensions { M: 121, N: 47, K: 279 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(32,29) K;
      TemporalMap(3,3) M;
    }
  }
  Layer L550 {
    Type: GEMM
    Dimensions { M: 17, N: 281, K: 250 }
    Dataflow {
      TemporalMap(8,8) K;
      SpatialMap(4,4) N;
      SpatialMap(16,16) M;
    }
  }
  Layer L553 {
    Type: GEMM
    Dimensions { M: 76, N: 154, K: 208 }
    Dataflow {
      TemporalMap(2,2) M;
      SpatialMap(1,1) K;
      TemporalMap(1,1) N;
    }
  }
  Layer L556 {
    Type: GEMM
    Dimensions { M: 155, N: 206, K: 96 }
    Dataflow {
      TemporalMap(8,8) M;
      SpatialMap(1,1) N;
      TemporalMap(21,21) K;
    }
  }
  Layer L563 {
    Type: GEMM
    Dimensions { M: 78, N: 52, K: 103 }
    Dataflow {
      TemporalMap(2,1) M;
      TemporalMap(8,8) K;
      SpatialMap(1,1) N;
    }
  }
  Layer L567 {
    Type: GEMM
    Dimensions { M: 217, N: 146, K: 19 }
    Dataflow {
      TemporalMap(32,32) M;
      TemporalMap(1,1) K;
      SpatialMap(8,8) N;
      Cluster(4,P);
      TemporalMap(3,3) M;
      SpatialMap(1,1) N;
      TemporalMap(1,1) K;
    }
  }
  Layer L574 {
    Type: GEMM
    Dimensions { M: 27, N: 243, K: 148 }
    Dataflow {
      TemporalMap(64,64) N;
      TemporalMap(32,32) K;
      SpatialMap(32,32) M;
      Cluster(2,P);
      SpatialMap(8,8) N;
      TemporalMap(3,3) K;
    }
  }
  Layer L587 {
    Type: GEMM
    Dimensions { M: 134, N: 150, K: 280 }
    Dataflow {
      SpatialMap(2,2) N;
      TemporalMap(105,24) K;
      TemporalMap(1,1) M;
      Cluster(8,P);
      SpatialMap(32,32) K;
      SpatialMap(64,64) N;
    }
  }
  Layer L594 {
    Type: GEMM
    Dimensions { M: 158, N: 36, K: 205 }
    Dataflow {
      SpatialMap(73,73) M;
      TemporalMap(32,32) K;
      TemporalMap(21,21) N;
    }
  }
  Layer L599 {
    Type: GEMM
    Dimensions { M: 111, N: 71, K: 19 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(4,4) N;
      SpatialMap(2,2) M;
      Cluster(2,P);
      TemporalMap(2,2) N;
      SpatialMap(32,32) M;
      TemporalMap(1,1) K;
    }
  }
  Layer L604 {
    Type: GEMM
    Dimensions { M: 101, N: 68, K: 237 }
    Dataflow {
      SpatialMap(36,36) M;
      TemporalMap(4,3) K;
      TemporalMap(1,1) N;
    }
  }
  Layer L606 {
    Type: GEMM
    Dimensions { M: 205, N: 188, K: 230 }
    Dataflow {
      SpatialMap(19,17) K;
      TemporalMap(32,32) M;
      TemporalMap(109,109) N;
    }
  }
  Layer L617 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 16, C: 8, R: 1, S: 1, Y: 1, X: 47 }
    Dataflow {
      TemporalMap(1,1) S;
      TemporalMap(8,8) K;
      TemporalMap(2,2) N;
      TemporalMap(3,1) X';
      TemporalMap(Sz(R),1) Y;
      SpatialMap(1,1) R;
      TemporalMap(32,32) C;
    }
  }
  Layer L619 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 4, K: 2, C: 64, R: 1, S: 1, Y: 5, X: 5 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) K;
      SpatialMap(1,1) S;
      TemporalMap(64,64) C;
      TemporalMap(8,8) N;
      TemporalMap(3,1) X';
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L621 {
    Type: GEMM
    Dimensions { M: 94, N: 284, K: 179 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(1,1) N;
      SpatialMap(44,9) K;
      Cluster(2,P);
      TemporalMap(32,32) K;
      SpatialMap(8,8) N;
      TemporalMap(81,81) M;
    }
  }
  Layer L627 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 8, R: 5, S: 5, Y: 7, X: 20 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,1) Y';
      SpatialMap(2,2) C;
      TemporalMap(Sz(S),1) X;
    }
  }
  Layer L630 {
    Type: GEMM
    Dimensions { M: 111, N: 70, K: 30 }
    Dataflow {
      TemporalMap(16,16) N;
      TemporalMap(3,3) M;
      SpatialMap(32,32) K;
    }
  }
  Layer L640 {
    Type: GEMM
    Dimensions { M: 263, N: 125, K: 222 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(3,3) M;
      TemporalMap(64,64) K;
      Cluster(4,P);
      TemporalMap(105,105) M;
      TemporalMap(2,2) K;
      SpatialMap(10,10) N;
      Cluster(4,P);
      TemporalMap(183,183) M;
      TemporalMap(1,1) N;
      SpatialMap(4,4) K;
    }
  }
  Layer L642 {
    Type: GEMM
    Dimensions { M: 176, N: 207, K: 123 }
    Dataflow {
      SpatialMap(2,2) K;
      TemporalMap(16,13) N;
      TemporalMap(16,16) M;
    }
  }
  Layer L644 {
    Type: GEMM
    Dimensions { M: 156, N: 44, K: 189 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(16,16) M;
      TemporalMap(8,8) N;
      Cluster(16,P);
      TemporalMap(2,2) M;
      SpatialMap(38,38) K;
    }
  }
  Layer L651 {
    Type: GEMM
    Dimensions { M: 184, N: 208, K: 299 }
    Dataflow {
      SpatialMap(8,8) N;
      TemporalMap(2,2) M;
      TemporalMap(8,8) K;
      Cluster(16,P);
      SpatialMap(32,32) N;
      TemporalMap(2,2) K;
      TemporalMap(1,1) M;
    }
  }
  Layer L655 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 95, C: 8, R: 1, S: 1, Y: 25, X: 34 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) G;
      TemporalMap(Sz(S),1) X;
      SpatialMap(2,2) K;
      TemporalMap(32,32) C;
    }
  }
  Layer L657 {
    Type: GEMM
    Dimensions { M: 161, N: 130, K: 205 }
    Dataflow {
      SpatialMap(16,12) M;
      TemporalMap(8,8) N;
      TemporalMap(32,32) K;
    }
  }
  Layer L663 {
    Type: GEMM
    Dimensions { M: 298, N: 99, K: 253 }
    Dataflow {
      TemporalMap(8,8) N;
      TemporalMap(1,1) M;
      SpatialMap(3,1) K;
    }
  }
  Layer L665 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 2, K: 2, C: 64, R: 1, S: 3, Y: 51, X: 13 }
    Dataflow {
      TemporalMap(2,2) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) C;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(1,1) X;
      TemporalMap(8,2) Y';
      TemporalMap(1,1) G;
    }
  }
  Layer L666 {
    Type: GEMM
    Dimensions { M: 295, N: 31, K: 14 }
    Dataflow {
      SpatialMap(8,4) K;
      TemporalMap(64,64) M;
      TemporalMap(32,2) N;
      Cluster(4,P);
      TemporalMap(16,15) K;
      SpatialMap(64,64) M;
    }
  }
  Layer L679 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 8, C: 32, R: 1, S: 1, Y: 7, X: 3 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(32,31) K;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(1,4) X';
      TemporalMap(2,2) G;
      TemporalMap(16,16) C;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L680 {
    Type: GEMM
    Dimensions { M: 203, N: 216, K: 293 }
    Dataflow {
      TemporalMap(2,1) K;
      SpatialMap(64,64) M;
      SpatialMap(1,1) N;
    }
  }
  Layer L691 {
    Type: GEMM
    Dimensions { M: 220, N: 144, K: 47 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(8,8) M;
      SpatialMap(33,33) K;
      Cluster(11,P);
      SpatialMap(16,16) N;
      SpatialMap(8,8) K;
      TemporalMap(1,1) M;
    }
  }
  Layer L696 {
    Type: GEMM
    Dimensions { M: 8, N: 216, K: 190 }
    Dataflow {
      TemporalMap(148,39) K;
      SpatialMap(8,6) N;
      TemporalMap(64,64) M;
      Cluster(4,P);
      SpatialMap(4,4) M;
      TemporalMap(1,1) K;
      Cluster(4,P);
      TemporalMap(194,194) N;
      SpatialMap(64,64) M;
    }
  }
  Layer L702 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 109, C: 64, R: 1, S: 1, Y: 5, X: 41 }
    Dataflow {
      TemporalMap(16,16) N;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(32,32) C;
      TemporalMap(32,32) Y;
      TemporalMap(1,1) S;
      TemporalMap(1,1) X;
    }
  }
  Layer L714 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 64, R: 1, S: 1, Y: 64, X: 3 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(64,64) C;
      TemporalMap(1,1) R;
      TemporalMap(3,1) X';
      TemporalMap(64,64) Y;
      SpatialMap(4,4) K;
    }
  }
  Layer L741 {
    Type: GEMM
    Dimensions { M: 242, N: 154, K: 276 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(1,1) M;
      SpatialMap(60,60) N;
    }
  }
  Layer L751 {
    Type: GEMM
    Dimensions { M: 294, N: 130, K: 172 }
    Dataflow {
      TemporalMap(64,64) M;
      TemporalMap(8,8) K;
      SpatialMap(4,4) N;
      Cluster(8,P);
      TemporalMap(60,60) M;
      SpatialMap(4,4) K;
      TemporalMap(3,3) N;
    }
  }
  Layer L757 {
    Type: GEMM
    Dimensions { M: 172, N: 265, K: 182 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(32,27) K;
      SpatialMap(1,1) M;
      Cluster(4,P);
      TemporalMap(1,1) K;
      TemporalMap(3,3) N;
      SpatialMap(54,54) M;
      Cluster(16,P);
      SpatialMap(16,16) M;
      TemporalMap(2,2) N;
    }
  }
  Layer L771 {
    Type: GEMM
    Dimensions { M: 169, N: 140, K: 87 }
    Dataflow {
      TemporalMap(3,3) K;
      TemporalMap(8,8) M;
      SpatialMap(8,8) N;
      Cluster(4,P);
      SpatialMap(8,8) K;
      TemporalMap(32,32) M;
      TemporalMap(23,23) N;
    }
  }
  Layer L772 {
    Type: GEMM
    Dimensions { M: 226, N: 273, K: 150 }
    Dataflow {
      TemporalMap(3,3) K;
      SpatialMap(75,24) M;
      TemporalMap(64,64) N;
      Cluster(4,P);
      SpatialMap(16,16) N;
      TemporalMap(16,16) M;
      TemporalMap(4,4) K;
      Cluster(4,P);
      TemporalMap(16,16) K;
      SpatialMap(2,2) M;
      TemporalMap(32,32) N;
    }
  }
  Layer L778 {
    Type: GEMM
    Dimensions { M: 48, N: 43, K: 197 }
    Dataflow {
      SpatialMap(8,8) K;
      TemporalMap(4,2) N;
      TemporalMap(16,16) M;
    }
  }
  Layer L787 {
    Type: GEMM
    Dimensions { M: 161, N: 68, K: 277 }
    Dataflow {
      TemporalMap(64,64) N;
      TemporalMap(4,4) K;
      SpatialMap(64,64) M;
    }
  }
  Layer L788 {
    Type: GEMM
    Dimensions { M: 231, N: 41, K: 15 }
    Dataflow {
      TemporalMap(32,32) N;
      TemporalMap(64,17) M;
      SpatialMap(16,16) K;
      Cluster(4,P);
      TemporalMap(2,2) N;
      TemporalMap(8,8) M;
      SpatialMap(1,1) K;
      Cluster(5,P);
      SpatialMap(1,1) K;
      SpatialMap(158,90) M;
    }
  }
  Layer L790 {
    Type: GEMM
    Dimensions { M: 86, N: 40, K: 130 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(64,64) M;
      SpatialMap(32,32) N;
      Cluster(2,P);
      SpatialMap(1,1) N;
      TemporalMap(3,3) M;
      TemporalMap(32,4) K;
    }
  }
  Layer L799 {
    Type: GEMM
    Dimensions { M: 202, N: 146, K: 12 }
    Dataflow {
      TemporalMap(16,16) N;
      SpatialMap(16,6) M;
      SpatialMap(1,1) K;
    }
  }
  Layer L813 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 1, C: 3, R: 5, S: 5, Y: 8, X: 6 }
    Dataflow {
      TemporalMap(1,1) X;
      SpatialMap(2,2) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) Y;
      SpatialMap(3,3) G;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
      Cluster(2,P);
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(16,16) C;
      TemporalMap(8,2) K;
      TemporalMap(64,64) G;
    }
  }
  Layer L814 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 1, R: 5, S: 5, Y: 11, X: 5 }
    Dataflow {
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) C;
      TemporalMap(32,15) K;
      TemporalMap(2,2) X;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L826 {
    Type: GEMM
    Dimensions { M: 239, N: 244, K: 77 }
    Dataflow {
      TemporalMap(16,16) K;
      TemporalMap(3,3) N;
      SpatialMap(64,64) M;
      Cluster(4,P);
      SpatialMap(1,1) K;
      TemporalMap(214,214) N;
    }
  }
  Layer L827 {
    Type: GEMM
    Dimensions { M: 22, N: 74, K: 87 }
    Dataflow {
      TemporalMap(64,64) N;
      TemporalMap(2,2) M;
      SpatialMap(16,9) K;
      Cluster(2,P);
      TemporalMap(2,2) K;
      SpatialMap(2,2) N;
      TemporalMap(32,6) M;
    }
  }
  Layer L830 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 3, R: 3, S: 3, Y: 20, X: 11 }
    Dataflow {
      TemporalMap(16,8) K;
      TemporalMap(4,4) C;
      TemporalMap(8,1) X';
      TemporalMap(3,2) Y';
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L831 {
    Type: GEMM
    Dimensions { M: 171, N: 257, K: 105 }
    Dataflow {
      TemporalMap(3,1) N;
      TemporalMap(1,1) M;
      SpatialMap(16,16) K;
    }
  }
  Layer L834 {
    Type: GEMM
    Dimensions { M: 19, N: 36, K: 276 }
    Dataflow {
      SpatialMap(64,64) N;
      TemporalMap(16,16) K;
      TemporalMap(4,2) M;
      Cluster(7,P);
      TemporalMap(216,216) K;
      SpatialMap(1,1) M;
      TemporalMap(12,12) N;
      Cluster(8,P);
      SpatialMap(32,32) N;
      TemporalMap(3,3) M;
    }
  }
  Layer L842 {
    Type: GEMM
    Dimensions { M: 57, N: 122, K: 235 }
    Dataflow {
      SpatialMap(16,16) K;
      TemporalMap(3,3) M;
      TemporalMap(32,32) N;
    }
  }
  Layer L845 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 1, C: 64, R: 7, S: 7, Y: 15, X: 16 }
    Dataflow {
      TemporalMap(1,1) C;
      SpatialMap(16,16) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(3,3) N;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L846 {
    Type: GEMM
    Dimensions { M: 246, N: 130, K: 41 }
    Dataflow {
      TemporalMap(32,21) K;
      SpatialMap(8,8) M;
      TemporalMap(16,16) N;
      Cluster(16,P);
      TemporalMap(5,5) K;
      SpatialMap(1,1) N;
      TemporalMap(32,32) M;
    }
  }
  Layer L857 {
    Type: GEMM
    Dimensions { M: 250, N: 277, K: 247 }
    Dataflow {
      SpatialMap(2,2) N;
      TemporalMap(32,32) M;
      TemporalMap(4,4) K;
    }
  }
  Layer L863 {
    Type: GEMM
    Dimensions { M: 66, N: 115, K: 103 }
    Dataflow {
      TemporalMap(16,16) M;
      SpatialMap(3,3) K;
      TemporalMap(8,8) N;
      Cluster(2,P);
      TemporalMap(54,54) M;
      SpatialMap(8,8) K;
      TemporalMap(4,2) N;
    }
  }
  Layer L865 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 3, C: 16, R: 1, S: 1, Y: 3, X: 23 }
    Dataflow {
      TemporalMap(4,4) X';
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) G;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,8) C;
      TemporalMap(2,2) K;
    }
  }
  Layer L867 {
    Type: GEMM
    Dimensions { M: 32, N: 3, K: 262 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(32,1) M;
      SpatialMap(2,2) K;
      Cluster(15,P);
      SpatialMap(1,1) N;
      TemporalMap(1,1) K;
      TemporalMap(1,1) M;
    }
  }
  Layer L872 {
    Type: GEMM
    Dimensions { M: 24, N: 229, K: 63 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(23,23) M;
      SpatialMap(2,2) N;
    }
  }
  Layer L880 {
    Type: GEMM
    Dimensions { M: 114, N: 155, K: 3 }
    Dataflow {
      SpatialMap(4,4) N;
      TemporalMap(16,12) K;
      TemporalMap(4,4) M;
      Cluster(2,P);
      SpatialMap(3,3) N;
      TemporalMap(3,3) M;
    }
  }
  Layer L883 {
    Type: GEMM
    Dimensions { M: 189, N: 136, K: 136 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(2,2) M;
      SpatialMap(1,1) K;
      Cluster(4,P);
      TemporalMap(16,16) M;
      SpatialMap(1,1) K;
      SpatialMap(3,3) N;
      Cluster(16,P);
      TemporalMap(1,1) N;
      SpatialMap(1,1) K;
      TemporalMap(32,19) M;
    }
  }
  Layer L886 {
    Type: GEMM
    Dimensions { M: 96, N: 194, K: 105 }
    Dataflow {
      SpatialMap(1,1) K;
      TemporalMap(4,4) N;
      TemporalMap(8,4) M;
    }
  }
  Layer L887 {
    Type: GEMM
    Dimensions { M: 61, N: 254, K: 130 }
    Dataflow {
      SpatialMap(16,16) K;
      TemporalMap(1,1) N;
      TemporalMap(64,64) M;
      Cluster(4,P);
      SpatialMap(3,3) N;
      TemporalMap(1,1) K;
      TemporalMap(2,2) M;
    }
  }
  Layer L896 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 64, C: 32, R: 3, S: 3, Y: 6, X: 43 }
    Dataflow {
      TemporalMap(16,16) Y;
      TemporalMap(5,5) C;
      SpatialMap(1,1) S;
      TemporalMap(1,1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(64,64) K;
      TemporalMap(1,1) G;
    }
  }
  Layer L906 {
    Type: GEMM
    Dimensions { M: 22, N: 235, K: 118 }
    Dataflow {
      SpatialMap(2,2) M;
      TemporalMap(4,4) N;
      TemporalMap(4,4) K;
    }
  }
  Layer L913 {
    Type: GEMM
    Dimensions { M: 214, N: 112, K: 7 }
    Dataflow {
      TemporalMap(2,2) M;
      TemporalMap(3,3) N;
      SpatialMap(8,8) K;
    }
  }
  Layer L915 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 3, S: 3, Y: 6, X: 3 }
    Dataflow {
      TemporalMap(16,16) X;
      TemporalMap(3,2) Y';
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(64,8) C;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L919 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 32, K: 2, C: 64, R: 3, S: 3, Y: 9, X: 11 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(32,32) K;
      TemporalMap(1,1) C;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) G;
      TemporalMap(Sz(S),1) X;
      TemporalMap(4,2) Y';
    }
  }
  Layer L936 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 1, C: 1, R: 3, S: 3, Y: 3, X: 3 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(2,1) C;
      TemporalMap(64,64) Y;
      TemporalMap(3,1) X';
      TemporalMap(16,16) K;
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(16,3) S;
    }
  }
  Layer L945 {
    Type: GEMM
    Dimensions { M: 267, N: 113, K: 119 }
    Dataflow {
      TemporalMap(3,2) M;
      TemporalMap(8,8) N;
      SpatialMap(8,8) K;
    }
  }
  Layer L953 {
    Type: GEMM
    Dimensions { M: 26, N: 234, K: 170 }
    Dataflow {
      SpatialMap(8,8) N;
      TemporalMap(1,1) K;
      TemporalMap(4,4) M;
      Cluster(16,P);
      TemporalMap(4,4) M;
      TemporalMap(32,19) N;
      SpatialMap(110,110) K;
      Cluster(2,P);
      SpatialMap(64,64) M;
      TemporalMap(4,4) N;
      TemporalMap(1,1) K;
    }
  }
  Layer L956 {
    Type: GEMM
    Dimensions { M: 175, N: 220, K: 127 }
    Dataflow {
      TemporalMap(48,48) M;
      SpatialMap(1,1) N;
      TemporalMap(3,3) K;
      Cluster(2,P);
      TemporalMap(64,64) N;
      TemporalMap(4,4) M;
      SpatialMap(16,16) K;
    }
  }
  Layer L957 {
    Type: GEMM
    Dimensions { M: 14, N: 215, K: 270 }
    Dataflow {
      SpatialMap(16,16) N;
      TemporalMap(1,1) K;
      TemporalMap(2,2) M;
    }
  }
  Layer L960 {
    Type: GEMM
    Dimensions { M: 254, N: 101, K: 297 }
    Dataflow {
      TemporalMap(66,66) K;
      SpatialMap(52,52) N;
      TemporalMap(32,32) M;
      Cluster(6,P);
      SpatialMap(4,4) N;
      TemporalMap(32,32) M;
      TemporalMap(3,3) K;
    }
  }
  Layer L966 {
    Type: GEMM
    Dimensions { M: 159, N: 208, K: 153 }
    Dataflow {
      TemporalMap(15,15) K;
      SpatialMap(3,3) N;
      TemporalMap(4,4) M;
      Cluster(8,P);
      SpatialMap(106,106) M;
      TemporalMap(2,2) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L967 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 181, C: 16, R: 3, S: 3, Y: 12, X: 15 }
    Dataflow {
      TemporalMap(4,4) N;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(1,1) C;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),1) X;
      TemporalMap(3,3) K;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L971 {
    Type: GEMM
    Dimensions { M: 68, N: 218, K: 90 }
    Dataflow {
      TemporalMap(4,4) N;
      SpatialMap(4,4) M;
      TemporalMap(2,2) K;
    }
  }
  Layer L972 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 3, C: 146, R: 1, S: 1, Y: 12, X: 16 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(8,8) K;
      TemporalMap(Sz(R),1) Y;
      SpatialMap(2,2) X;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,1) C;
    }
  }
  Layer L978 {
    Type: TRCONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 3, C: 3, R: 7, S: 7, Y: 13, X: 16 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(32,32) C;
      TemporalMap(32,3) N;
      SpatialMap(64,23) S;
      TemporalMap(1,1) X;
      TemporalMap(16,16) K;
    }
  }
  Layer L980 {
    Type: GEMM
    Dimensions { M: 179, N: 79, K: 166 }
    Dataflow {
      SpatialMap(16,16) K;
      TemporalMap(64,64) M;
      TemporalMap(1,1) N;
      Cluster(8,P);
      SpatialMap(4,4) N;
      TemporalMap(2,2) M;
    }
  }
  Layer L984 {
    Type: GEMM
    Dimensions { M: 251, N: 241, K: 201 }
    Dataflow {
      TemporalMap(4,4) M;
      SpatialMap(2,2) K;
      TemporalMap(1,1) N;
    }
  }
  Layer L1016 {
    Type: GEMM
    Dimensions { M: 4, N: 230, K: 73 }
    Dataflow {
      SpatialMap(3,3) N;
      TemporalMap(16,15) K;
      TemporalMap(8,8) M;
      Cluster(2,P);
      TemporalMap(4,4) N;
      TemporalMap(2,2) M;
      SpatialMap(44,44) K;
    }
  }
  Layer L1036 {
    Type: GEMM
    Dimensions { M: 195, N: 180, K: 138 }
    Dataflow {
      TemporalMap(8,8) N;
      SpatialMap(2,2) K;
      TemporalMap(64,23) M;
      Cluster(2,P);
      TemporalMap(64,57) N;
      TemporalMap(1,1) M;
      SpatialMap(32,32) K;
    }
  }
  Layer L1047 {
    Type: GEMM
    Dimensions { M: 80, N: 126, K: 227 }
    Dataflow {
      TemporalMap(16,16) K;
      TemporalMap(2,2) N;
      SpatialMap(1,1) M;
    }
  }
  Layer L1060 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 8, C: 66, R: 1, S: 1, Y: 6, X: 14 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) C;
      TemporalMap(2,2) X;
      TemporalMap(16,16) Y;
      TemporalMap(32,32) N;
      TemporalMap(1,1) K;
    }
  }
  Layer L1063 {
    Type: GEMM
    Dimensions { M: 211, N: 165, K: 148 }
    Dataflow {
      TemporalMap(3,3) M;
      SpatialMap(21,16) N;
      TemporalMap(3,3) K;
      Cluster(2,P);
      TemporalMap(1,1) K;
      SpatialMap(144,144) N;
      TemporalMap(1,1) M;
      Cluster(12,P);
      SpatialMap(2,2) N;
      TemporalMap(4,4) K;
      SpatialMap(16,16) M;
    }
  }
  Layer L1065 {
    Type: GEMM
    Dimensions { M: 258, N: 51, K: 280 }
    Dataflow {
      SpatialMap(8,8) K;
      TemporalMap(32,32) N;
      SpatialMap(4,4) M;
    }
  }
  Layer L1088 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 2, K: 36, C: 1, R: 3, S: 3, Y: 14, X: 7 }
    Dataflow {
      SpatialMap(16,9) K;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(S),1) X;
      TemporalMap(8,8) G;
      SpatialMap(1,1) C;
    }
  }
  Layer L1096 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 32, C: 3, R: 3, S: 3, Y: 21, X: 5 }
    Dataflow {
      TemporalMap(4,4) X';
      SpatialMap(8,4) K;
      TemporalMap(16,16) C;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(4,4) N;
      TemporalMap(2,2) Y';
    }
  }
  Layer L1103 {
    Type: GEMM
    Dimensions { M: 60, N: 88, K: 144 }
    Dataflow {
      TemporalMap(64,64) M;
      SpatialMap(1,1) K;
      TemporalMap(50,13) N;
      Cluster(2,P);
      SpatialMap(32,32) K;
      TemporalMap(16,16) N;
      TemporalMap(3,3) M;
    }
  }
  Layer L1104 {
    Type: GEMM
    Dimensions { M: 192, N: 210, K: 113 }
    Dataflow {
      TemporalMap(16,16) N;
      SpatialMap(64,64) K;
      TemporalMap(64,64) M;
    }
  }
  Layer L1109 {
    Type: GEMM
    Dimensions { M: 4, N: 193, K: 72 }
    Dataflow {
      SpatialMap(8,8) K;
      TemporalMap(16,16) M;
      TemporalMap(21,21) N;
      Cluster(4,P);
      TemporalMap(3,3) K;
      SpatialMap(32,1) N;
      TemporalMap(64,64) M;
    }
  }
  Layer L1110 {
    Type: GEMM
    Dimensions { M: 179, N: 206, K: 234 }
    Dataflow {
      SpatialMap(32,32) K;
      TemporalMap(16,16) M;
      TemporalMap(1,1) N;
      Cluster(4,P);
      TemporalMap(64,64) M;
      TemporalMap(8,8) K;
      SpatialMap(32,32) N;
    }
  }
  Layer L1119 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 2, K: 32, C: 1, R: 1, S: 1, Y: 5, X: 14 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(1,1) C;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) Y;
      SpatialMap(4,4) X';
      TemporalMap(16,16) N;
      Cluster(16,P);
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) S;
      SpatialMap(16,16) K;
      SpatialMap(1,1) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(16,16) Y;
    }
  }
  Layer L1128 {
    Type: DSCONV
    Stride { X: 2, Y: 2 }
    Dimensions { K: 1, C: 1, R: 5, S: 5, Y: 13, X: 8 }
    Dataflow {
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) K;
      SpatialMap(3,3) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) C;
      TemporalMap(Sz(R),1) Y;
    }
  }
  Layer L1131 {
    Type: GEMM
    Dimensions { M: 295, N: 200, K: 224 }
    Dataflow {
      TemporalMap(1,1) N;
      SpatialMap(1,1) K;
      SpatialMap(8,8) M;
    }
  }
  Layer L1134 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 96, C: 32, R: 1, S: 1, Y: 13, X: 7 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(1,1) N;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(4,2) X';
      TemporalMap(64,29) C;
      TemporalMap(1,4) Y';
    }
  }
  Layer L1141 {
    Type: GEMM
    Dimensions { M: 80, N: 270, K: 105 }
    Dataflow {
      TemporalMap(2,2) M;
      SpatialMap(3,1) K;
      TemporalMap(2,2) N;
      Cluster(4,P);
      TemporalMap(61,61) K;
      SpatialMap(42,42) M;
    }
  }
  Layer L1164 {
    Type: GEMM
    Dimensions { M: 149, N: 247, K: 56 }
    Dataflow {
      SpatialMap(4,4) N;
      SpatialMap(8,8) M;
      TemporalMap(16,16) K;
    }
  }
  Layer L1168 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 4, K: 64, C: 32, R: 5, S: 5, Y: 8, X: 6 }
    Dataflow {
      TemporalMap(23,23) K;
      SpatialMap(3,3) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(16,4) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(64,64) N;
      TemporalMap(1,1) C;
    }
  }
  Layer L1170 {
    Type: GEMM
    Dimensions { M: 145, N: 243, K: 56 }
    Dataflow {
      TemporalMap(3,3) K;
      SpatialMap(2,2) N;
      TemporalMap(8,8) M;
    }
  }
  Layer L1186 {
    Type: GEMM
    Dimensions { M: 63, N: 112, K: 37 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(1,1) N;
      SpatialMap(2,2) M;
    }
  }
  Layer L1195 {
    Type: GEMM
    Dimensions { M: 74, N: 283, K: 234 }
    Dataflow {
      TemporalMap(95,95) N;
      TemporalMap(8,8) M;
      SpatialMap(16,5) K;
      Cluster(16,P);
      TemporalMap(72,45) M;
      TemporalMap(16,16) N;
      SpatialMap(8,8) K;
    }
  }
  Layer L1204 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 16, C: 32, R: 3, S: 3, Y: 30, X: 7 }
    Dataflow {
      TemporalMap(Sz(S),1) X;
      TemporalMap(1,1) C;
      SpatialMap(Sz(S),Sz(S)) S;
      TemporalMap(16,4) Y;
      TemporalMap(1,1) K;
      TemporalMap(Sz(R),Sz(R)) R;
    }
  }
  Layer L1213 {
    Type: GEMM
    Dimensions { M: 55, N: 259, K: 288 }
    Dataflow {
      SpatialMap(1,1) N;
      TemporalMap(1,1) K;
      TemporalMap(4,4) M;
    }
  }
  Layer L1234 {
    Type: GEMM
    Dimensions { M: 177, N: 127, K: 298 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(64,64) M;
      SpatialMap(66,66) N;
    }
  }
  Layer L1241 {
    Type: GEMM
    Dimensions { M: 210, N: 21, K: 166 }
    Dataflow {
      TemporalMap(32,32) M;
      TemporalMap(8,8) N;
      SpatialMap(16,16) K;
      Cluster(4,P);
      SpatialMap(1,1) N;
      TemporalMap(16,16) M;
      Cluster(16,P);
      SpatialMap(8,8) K;
      TemporalMap(4,4) N;
    }
  }
  Layer L1242 {
    Type: GEMM
    Dimensions { M: 169, N: 256, K: 171 }
    Dataflow {
      SpatialMap(64,64) M;
      SpatialMap(32,32) N;
      TemporalMap(16,16) K;
      Cluster(16,P);
      TemporalMap(32,32) N;
      SpatialMap(115,115) K;
    }
  }
  Layer L1246 {
    Type: GEMM
    Dimensions { M: 48, N: 34, K: 151 }
    Dataflow {
      TemporalMap(1,1) K;
      TemporalMap(4,4) N;
      SpatialMap(4,4) M;
      Cluster(4,P);
      TemporalMap(32,32) N;
      SpatialMap(2,2) K;
      TemporalMap(2,2) M;
    }
  }
  Layer L1262 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 1, R: 1, S: 1, Y: 4, X: 3 }
    Dataflow {
      SpatialMap(4,4) R;
      TemporalMap(1,1) S;
      TemporalMap(16,16) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(8,8) C;
      TemporalMap(4,4) Y;
    }
  }
  Layer L1271 {
    Type: GEMM
    Dimensions { M: 150, N: 53, K: 269 }
    Dataflow {
      TemporalMap(1,1) N;
      TemporalMap(1,1) K;
      SpatialMap(8,8) M;
      Cluster(2,P);
      TemporalMap(64,64) N;
      TemporalMap(2,2) M;
      SpatialMap(4,4) K;
    }
  }
  Layer L1272 {
    Type: CONV
    Stride { X: 1, Y: 1 }
    Dimensions { N: 3, K: 12, C: 1, R: 3, S: 3, Y: 12, X: 22 }
    Dataflow {
      TemporalMap(2,2) K;
      TemporalMap(64,64) N;
      TemporalMap(2,2) X';
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(3,3) Y;
      TemporalMap(4,4) C;
      SpatialMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1273 {
    Type: GEMM
    Dimensions { M: 295, N: 217, K: 112 }
    Dataflow {
      TemporalMap(3,3) N;
      TemporalMap(8,8) K;
      SpatialMap(16,16) M;
    }
  }
  Layer L1274 {
    Type: NGCONV
    Stride { X: 2, Y: 2 }
    Dimensions { G: 32, K: 32, C: 200, R: 7, S: 7, Y: 10, X: 7 }
    Dataflow {
      SpatialMap(4,4) K;
      TemporalMap(2,2) G;
      SpatialMap(2,2) Y';
      TemporalMap(2,1) X';
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(32,32) C;
    }
  }
  Layer L1278 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 3, K: 2, C: 16, R: 3, S: 3, Y: 16, X: 5 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(2,2) C;
      TemporalMap(Sz(S),1) X;
      TemporalMap(4,4) N;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(8,8) Y;
      TemporalMap(3,3) K;
    }
  }
  Layer L1279 {
    Type: GEMM
    Dimensions { M: 78, N: 17, K: 135 }
    Dataflow {
      TemporalMap(64,64) M;
      SpatialMap(16,16) K;
      TemporalMap(8,8) N;
    }
  }
  Layer L1293 {
    Type: GEMM
    Dimensions { M: 221, N: 288, K: 240 }
    Dataflow {
      SpatialMap(2,2) M;
      TemporalMap(1,1) N;
      TemporalMap(2,2) K;
    }
  }
  Layer L1296 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 192, R: 7, S: 7, Y: 14, X: 7 }
    Dataflow {
      SpatialMap(2,2) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(4,4) C;
      TemporalMap(3,3) X;
      TemporalMap(1,1) K;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1307 {
    Type: GEMM
    Dimensions { M: 66, N: 35, K: 26 }
    Dataflow {
      TemporalMap(64,64) N;
      TemporalMap(3,3) K;
      SpatialMap(1,1) M;
      Cluster(4,P);
      TemporalMap(4,4) N;
      TemporalMap(8,8) K;
      SpatialMap(1,1) M;
      Cluster(12,P);
      SpatialMap(4,4) N;
      TemporalMap(3,3) K;
      TemporalMap(64,54) M;
    }
  }
  Layer L1317 {
    Type: GEMM
    Dimensions { M: 257, N: 124, K: 29 }
    Dataflow {
      TemporalMap(1,1) N;
      SpatialMap(25,25) K;
      TemporalMap(188,188) M;
    }
  }
  Layer L1320 {
    Type: DSCONV
    Stride { X: 1, Y: 1 }
    Dimensions { K: 1, C: 8, R: 5, S: 5, Y: 10, X: 24 }
    Dataflow {
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(R),1) Y;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(2,2) C;
      TemporalMap(32,32) X;
      TemporalMap(16,16) K;
    }
  }
  Layer L1328 {
    Type: GEMM
    Dimensions { M: 238, N: 232, K: 71 }
    Dataflow {
      TemporalMap(2,2) M;
      SpatialMap(32,2) K;
      TemporalMap(2,2) N;
    }
  }
  Layer L1329 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 8, K: 1, C: 32, R: 1, S: 1, Y: 2, X: 7 }
    Dataflow {
      TemporalMap(8,4) X';
      TemporalMap(64,64) K;
      TemporalMap(1,1) C;
      TemporalMap(16,16) Y;
      SpatialMap(8,8) G;
      TemporalMap(1,1) R;
      TemporalMap(Sz(S),Sz(S)) S;
    }
  }
  Layer L1333 {
    Type: GEMM
    Dimensions { M: 193, N: 164, K: 129 }
    Dataflow {
      TemporalMap(1,1) M;
      SpatialMap(8,8) K;
      TemporalMap(163,143) N;
    }
  }
  Layer L1338 {
    Type: GEMM
    Dimensions { M: 104, N: 161, K: 153 }
    Dataflow {
      SpatialMap(4,4) K;
      TemporalMap(3,3) M;
      TemporalMap(1,1) N;
      Cluster(4,P);
      TemporalMap(71,71) K;
      TemporalMap(32,32) M;
      SpatialMap(1,1) N;
    }
  }
  Layer L1339 {
    Type: GEMM
    Dimensions { M: 237, N: 64, K: 173 }
    Dataflow {
      TemporalMap(8,8) K;
      TemporalMap(32,18) M;
      SpatialMap(8,8) N;
    }
  }
  Layer L1344 {
    Type: NGCONV
    Stride { X: 1, Y: 1 }
    Dimensions { G: 4, K: 8, C: 64, R: 1, S: 5, Y: 60, X: 48 }
    Dataflow {
      TemporalMap(3,3) K;
      TemporalMap(1,1) Y';
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(8,8) C;
      TemporalMap(2,2) G;
      SpatialMap(Sz(R),Sz(R)) R;
      TemporalMap(1,1) X;
    }
  }
  Layer L1345 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 4, K: 16, C: 189, R: 1, S: 1, Y: 2, X: 11 }
    Dataflow {
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      SpatialMap(64,64) C;
      TemporalMap(8,8) X;
      TemporalMap(1,1) K;
      SpatialMap(4,4) Y';
      TemporalMap(1,1) N;
    }
  }
  Layer L1354 {
    Type: GEMM
    Dimensions { M: 167, N: 72, K: 44 }
    Dataflow {
      TemporalMap(1,1) M;
      TemporalMap(1,1) N;
      SpatialMap(3,2) K;
    }
  }
  Layer L1360 {
    Type: CONV
    Stride { X: 2, Y: 2 }
    Dimensions { N: 4, K: 3, C: 8, R: 7, S: 5, Y: 32, X: 16 }
    Dataflow {
      TemporalMap(3,3) K;
      TemporalMap(Sz(S),1) X;
      TemporalMap(Sz(R),Sz(R)) R;
      TemporalMap(Sz(S),Sz(S)) S;
      TemporalMap(4,4) N;
      SpatialMap(Sz(R),1) Y;
      TemporalMap(2,2) C;
    }
  }
}
